// <rmi-playground>: the playground embedded in a page with one script tag (embed.md).
//
//   <script type="module" src="https://HOST/PATH/embed.js"></script>
//   <rmi-playground scenario="rmi-tutorial" lang="zh" height="420"></rmi-playground>
//
// The element creates an iframe of the playground in embed mode (its attributes become URL
// parameters, the page's own origin is passed as `origin`), follows the frame's height, and
// offers the protocol as promise-returning methods (run, reset, getState, loadLesson) and DOM
// events (rmi-ready, rmi-command, rmi-change, rmi-goal, rmi-error). Several elements on one
// page are independent. Attributes are read when the element is connected (change them by
// replacing the element). No framework, no dependency.

const PARAMETERS = ['scenario', 'lesson', 'lang', 'theme', 'readonly', 'script', 'autoplay', 'speed', 'storage'];
const EVENTS = { 'rmi:ready': 'rmi-ready', 'rmi:command': 'rmi-command', 'rmi:change': 'rmi-change', 'rmi:goal': 'rmi-goal', 'rmi:error': 'rmi-error' };
// Where the playground lives: beside this script, wherever it is served from.
const BASE = new URL('./', import.meta.url);

class RmiPlayground extends HTMLElement {
  #frame = null;
  #pending = new Map();
  #nextId = 1;
  #ready = null;
  #markReady = null;
  #onMessage = (event) => this.#receive(event);

  connectedCallback() {
    if (this.#frame) return;
    this.#ready = new Promise((resolve) => { this.#markReady = resolve; });
    const url = new URL('index.html', BASE);
    url.searchParams.set('embed', '1');
    for (const name of PARAMETERS) {
      if (this.hasAttribute(name)) url.searchParams.set(name, this.getAttribute(name));
    }
    url.searchParams.set('origin', window.location.origin);
    const frame = document.createElement('iframe');
    frame.src = url.href;
    frame.title = this.getAttribute('title') || 'docker rmi playground';
    frame.style.cssText = 'display:block;width:100%;border:0;';
    frame.style.height = `${parseInt(this.getAttribute('height'), 10) || 420}px`;
    frame.setAttribute('allow', 'clipboard-write');
    this.#frame = frame;
    window.addEventListener('message', this.#onMessage);
    this.appendChild(frame);
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.#onMessage);
    this.#rejectPending('the playground was removed');
    this.#frame?.remove();
    this.#frame = null;
    this.#markReady?.();
  }

  /** Runs one line as if typed at the prompt; resolves with { exit, stdout, stderr, events }. */
  run(command) { return this.#request({ type: 'rmi:run', command: String(command) }); }

  /** Back to the start of the scenario or lesson. */
  reset() { return this.#request({ type: 'rmi:reset' }); }

  /** Resolves with { images, containers, layers }. */
  getState() { return this.#request({ type: 'rmi:get-state' }); }

  /** Opens a lesson from its file's content (an object or its JSON text). */
  loadLesson(lesson) { return this.#request({ type: 'rmi:load-lesson', lesson }); }

  async #request(message) {
    if (!this.#ready) throw new Error('the playground is not on the page yet');
    await this.#ready;
    if (!this.#frame) throw new Error('the playground was removed');
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#frame.contentWindow.postMessage({ ...message, id }, BASE.origin);
    });
  }

  #rejectPending(reason) {
    for (const { reject } of this.#pending.values()) reject(new Error(reason));
    this.#pending.clear();
  }

  #receive(event) {
    // Only this element's own frame, from the playground's origin.
    if (!this.#frame || event.source !== this.#frame.contentWindow || event.origin !== BASE.origin) return;
    const data = event.data;
    if (!data || typeof data.type !== 'string' || !data.type.startsWith('rmi:')) return;
    const waiting = data.id !== undefined && this.#pending.get(data.id);
    if (waiting) {
      this.#pending.delete(data.id);
      if (data.type === 'rmi:error') waiting.reject(new Error(data.message));
      else { const { type, id, ...reply } = data; waiting.resolve(reply); }
      return;
    }
    if (data.type === 'rmi:resize' && Number.isFinite(data.height)) {
      this.#frame.style.height = `${Math.min(Math.max(Math.ceil(data.height), 120), 4000)}px`;
      return;
    }
    // A frame that loads again (a reload from its crash panel) forgets what it was asked.
    if (data.type === 'rmi:ready') { this.#rejectPending('the playground reloaded'); this.#markReady(); }
    const name = EVENTS[data.type];
    if (name) {
      const { type, ...detail } = data;
      this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
    }
  }
}

if (!customElements.get('rmi-playground')) customElements.define('rmi-playground', RmiPlayground);
export { RmiPlayground };
