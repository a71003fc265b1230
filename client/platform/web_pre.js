// Runs before the module starts: mounts the IndexedDB-backed folder and loads it, so main()
// opens a database that is already there.
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  FS.mkdir('/persist');
  FS.mount(IDBFS, {}, '/persist');
  addRunDependency('motcua-idbfs');
  FS.syncfs(true, function (err) {
    if (err) console.warn('motcua: loading from IndexedDB failed', err);
    removeRunDependency('motcua-idbfs');
  });
});
