// Runs before the pre-rendered first view is parsed (inline in index.html's head, under the CSP's
// hash). That view is the page a new reader sees at the bare URL: the default scenario, English,
// nothing kept from an earlier visit. When the first view will be another one (a scenario, lesson
// or language in the URL; a session, language or theme kept from a visit; a Chinese browser),
// only the frame of the page is shown until the app draws the real one (static/style.css,
// data-first-view), and a kept theme applies at once.
(function () {
  var root = document.documentElement;
  var neutral = false;
  var query = new URLSearchParams(location.search);
  // An embed, a share link, a scenario, lesson or language: another first view.
  ['scenario', 'lesson', 'lesson-url', 'lang', 'embed', 's'].forEach(function (key) {
    if (query.has(key)) neutral = true;
  });
  // An embed's theme is its host's choice (theme=), applied before anything is painted.
  var asked = query.get('embed') === '1' ? query.get('theme') : null;
  var languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
  for (var i = 0; i < languages.length; i++) {
    var code = String(languages[i]).toLowerCase();
    if (code === 'en' || code.indexOf('en-') === 0) break;
    if (code === 'zh' || code.indexOf('zh-') === 0) { neutral = true; break; }
  }
  try {
    var storage = window.localStorage;
    var theme = asked || storage.getItem('rmi-playground.theme');
    if (theme === 'light' || theme === 'dark') {
      root.setAttribute('data-theme', theme);
      neutral = true;
    }
    if (storage.getItem('rmi-playground.session') !== null || storage.getItem('rmi-playground.lang') !== null) neutral = true;
  } catch (e) {
    // No storage (sandboxed frame, storage turned off): nothing was kept.
    if (asked === 'light' || asked === 'dark') root.setAttribute('data-theme', asked);
  }
  if (neutral) root.setAttribute('data-first-view', 'neutral');
})();
