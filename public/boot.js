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
  var lang = bootLang();
  document.documentElement.setAttribute('data-boot-lang', lang);

  // 3. The first questions (index.html #start-form): on a first visit (no link, no saved work, no
  //    ?preset=) they are shown and can be answered before the wasm arrives; a press of Compare or
  //    Skip is kept on the form for the app (src/ui/start.rs), which compares what was typed.
  //    The sector's suggested platforms: as src/model/start.rs suggested_platforms.
  var suggested = {
    finance: ['m365_business_basic', 'element_selfhosted_macau', 'dingtalk_dedicated'],
    gaming: ['m365_business_basic', 'element_selfhosted_macau', 'dingtalk_dedicated'],
    telecoms: ['m365_business_basic', 'element_selfhosted_macau', 'dingtalk_dedicated'],
    healthcare: ['m365_business_basic', 'element_selfhosted_macau', 'signal'],
    education: ['google_workspace', 'm365_business_basic', 'lark'],
    'public': ['element_selfhosted_macau', 'mattermost_selfhosted', 'm365_business_basic'],
    general: ['m365_business_basic', 'google_workspace', 'lark']
  };
  function firstVisit() {
    var hash = location.hash.replace(/^#/, '');
    if (hash && hash !== 'main') return false;
    if (/[?&](preset|embed)=/.test(location.search)) return false;
    try { if (window.top !== window.self) return false; } catch (e) { return false; }
    try { if (localStorage.getItem('collab-risk.scenario') !== null) return false; } catch (e) { /* no storage: nothing saved */ }
    return true;
  }
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('start-form');
    if (!form) return;
    var attr = lang === 'zh-Hant' ? 'data-zh-hant' : 'data-' + lang;
    var options = form.querySelectorAll('option');
    for (var i = 0; i < options.length; i++) {
      var text = options[i].getAttribute(attr);
      if (text) options[i].textContent = text;
    }
    if (!firstVisit()) return;
    form.hidden = false;
    document.documentElement.className += ' start-shown';
    var sector = form.querySelector('#start-sector');
    var data = form.querySelector('#start-data');
    var records = form.querySelector('#start-records');
    var boxes = form.querySelectorAll('input[name="consider"]');
    var touched = false;
    function preselect() {
      var chosen = suggested[sector.value] || suggested.general;
      for (var j = 0; j < boxes.length; j++) boxes[j].checked = chosen.indexOf(boxes[j].value) >= 0;
    }
    function recordsFollowData() { records.disabled = data.value !== 'clients'; }
    preselect();
    recordsFollowData();
    sector.addEventListener('change', function () { if (!touched) preselect(); });
    data.addEventListener('change', recordsFollowData);
    for (var k = 0; k < boxes.length; k++) boxes[k].addEventListener('change', function () { touched = true; });
    function wait(what) {
      form.setAttribute('data-pressed', what);
      var waiting = form.querySelector('.start-waiting');
      if (waiting) waiting.hidden = false;
    }
    form.addEventListener('submit', function (ev) { ev.preventDefault(); wait('compare'); });
    form.querySelector('#start-skip').addEventListener('click', function () { wait('skip'); });
  });

  var here = document.currentScript && document.currentScript.src;
  addEventListener('load', function () {
    try {
      var sw = navigator.serviceWorker; // throws in an opaque-origin (sandboxed) frame
      if (!sw || !here) return;
      sw.register(new URL('sw.js', here).href).catch(function () { /* offline use is a bonus */ });
    } catch (e) { /* no service worker here: the app still works online */ }
  });
})();
