// Page bootstrap: the Emscripten Module settings and the service worker. (No inline script:
// the Content-Security-Policy allows scripts from this origin's files only.)
var Module = {
  canvas: document.getElementById('canvas'),
  print: function (t) { console.log(t); },
  printErr: function (t) { console.warn(t); },
};

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js').catch(function (e) {
    console.warn('motcua: service worker not registered', e);
  });
}
