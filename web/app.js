// Page bootstrap: the Emscripten Module settings and the service worker. (No inline script:
// the Content-Security-Policy allows scripts from this origin's files only.)
var Module = {
  canvas: document.getElementById('canvas'),
  // The module's parts carry their content's hash in their names (stamped in at build time), so
  // the server lets browsers keep them for a year and a new build is always fetched anew.
  locateFile: function (name) {
    return { 'motcua.wasm': '@MOTCUA_WASM@', 'motcua.data': '@MOTCUA_DATA@' }[name] || name;
  },
  print: function (t) { console.log(t); },
  printErr: function (t) { console.warn(t); },
};

// A new version of the app is installed in the background and waits; the app shows a button,
// and only when the person presses it does the new version take over (never mid-form).
var motcuaUpdate = { waiting: null };
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js').then(function (reg) {
    function watch(worker) {
      if (!worker) return;
      worker.addEventListener('statechange', function () {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) motcuaUpdate.waiting = worker;
      });
    }
    if (reg.waiting && navigator.serviceWorker.controller) motcuaUpdate.waiting = reg.waiting;
    reg.addEventListener('updatefound', function () { watch(reg.installing); });
  }).catch(function (e) {
    console.warn('motcua: service worker not registered', e);
  });
  var reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', function () {
    if (motcuaUpdate.applying && !reloading) { reloading = true; location.reload(); }
  });
}
motcuaUpdate.apply = function () {
  if (!motcuaUpdate.waiting) return;
  motcuaUpdate.applying = true;
  motcuaUpdate.waiting.postMessage('skip-waiting');
};
