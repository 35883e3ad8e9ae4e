// The example page's own script: buttons that drive the lesson embed through embed.js's API,
// and a log of the events both embeds send. Host text is only ever set as text, never HTML.
const story = document.getElementById('story');
const lesson = document.getElementById('lesson');
const reply = document.getElementById('reply');
const events = document.getElementById('events');

function log(source, name, detail) {
  const item = document.createElement('li');
  item.textContent = `${source} ${name} ${JSON.stringify(detail)}`;
  events.prepend(item);
  while (events.children.length > 200) events.lastElementChild.remove();
}

for (const element of [story, lesson]) {
  for (const name of ['rmi-ready', 'rmi-command', 'rmi-change', 'rmi-goal', 'rmi-error']) {
    element.addEventListener(name, (event) => log(element.id, name, event.detail));
  }
}

async function show(promise) {
  reply.textContent = '…';
  try {
    const answer = await promise;
    reply.textContent = answer.stdout !== undefined ? answer.stdout + answer.stderr : JSON.stringify(answer, null, 2);
  } catch (error) {
    reply.textContent = `refused: ${error.message}`;
  }
}

document.getElementById('run-images').addEventListener('click', () => show(lesson.run('docker images')));
document.getElementById('get-state').addEventListener('click', () => show(lesson.getState()));
document.getElementById('reset').addEventListener('click', () => show(lesson.reset()));
