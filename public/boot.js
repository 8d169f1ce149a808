// Runs before the first paint (a classic script in <head>; the CSP allows no inline script):
// 1. the first view (index.html #boot) shows the language the app will pick — the remembered one,
//    else the browser's first English/Chinese/Portuguese, else English (as src/ui/app.rs);
// 2. after the page has loaded, registers the service worker (sw.js, next to this file) that lets
//    the app load and recompute offline. Where service workers are unavailable (no secure context,
//    an opaque-origin sandboxed iframe) or storage is refused, it does nothing, quietly.
(function () {
  'use strict';
  var tags = { en: 'en', zh: 'zh-Hant', pt: 'pt' };
  function bootLang() {
    try {
      var stored = localStorage.getItem('collab-risk.lang');
      for (var k in tags) if (stored && stored.toLowerCase() === tags[k].toLowerCase()) return tags[k];
    } catch (e) { /* storage refused: use the browser's language */ }
    var langs = (navigator.languages && navigator.languages.length) ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < langs.length; i++) {
      var primary = String(langs[i]).split(/[-_]/)[0].toLowerCase();
      if (tags[primary]) return tags[primary];
    }
    return 'en';
  }
  document.documentElement.setAttribute('data-boot-lang', bootLang());

  var here = document.currentScript && document.currentScript.src;
  addEventListener('load', function () {
    try {
      var sw = navigator.serviceWorker; // throws in an opaque-origin (sandboxed) frame
      if (!sw || !here) return;
      sw.register(new URL('sw.js', here).href).catch(function () { /* offline use is a bonus */ });
    } catch (e) { /* no service worker here: the app still works online */ }
  });
})();
