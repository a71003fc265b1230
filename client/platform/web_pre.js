// Runs before the module starts: takes the store's Web Lock, so exactly one tab owns the local
// database, and loads the database's blocks from IndexedDB, so main() opens it already there.
//
// The store in IndexedDB ("motcua-store"): object store "blocks" holds the database file's 4 KB
// blocks by index, "meta" its size under "file", "files" the attached files by content hash
// ({type, data}), apart from the database (client/store/blob_store.hpp). A save writes the blocks
// one commit changed, the size, and the files written or released since, in ONE transaction, so a
// browser killed at any moment comes back with the last completed save or the one before, never
// a mix, and never a draft without the file it names. Durability "relaxed" (what IDBFS had): a
// completed transaction has reached the operating system, so it survives the browser being
// killed (tests/browser/store_crash.test.mjs) but not a power cut in the next seconds; "strict"
// adds an fsync per save, 40-60 ms on this machine kind (BENCHMARKS.md), over the save budget. A tab that finds the lock held runs
// without the database and offers to take over; the owner saves, closes and lets go first.
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  var S = (Module.motcuaStore = {
    owner: false, image: null, legacy: false, release: null, db: null, error: null, durability: 'relaxed',
    files: null, stagedPuts: [], stagedRemovals: [],
  });
  var LOCK = 'motcua-store', DB = 'motcua-store', BLOCK = 4096;

  function req(r) {
    return new Promise(function (ok, fail) {
      r.onsuccess = function () { ok(r.result); };
      r.onerror = function () { fail(r.error); };
    });
  }
  function openDb() {
    var r = indexedDB.open(DB, 2);
    r.onupgradeneeded = function (e) {
      if (e.oldVersion < 1) {
        r.result.createObjectStore('blocks');
        r.result.createObjectStore('meta');
      }
      if (e.oldVersion < 2) r.result.createObjectStore('files');
    };
    return req(r).then(function (db) {
      // Another tab upgrading or deleting the store: close, so it is never blocked by us.
      db.onversionchange = function () { db.close(); };
      return db;
    });
  }
  // The database IDBFS kept before this store existed, taken over once (then deleted).
  function legacyImage() {
    if (!indexedDB.databases) return Promise.resolve(null);
    return indexedDB.databases().then(function (list) {
      if (!list.some(function (d) { return d.name === '/persist'; })) return null;
      return req(indexedDB.open('/persist')).then(function (db) {
        if (!db.objectStoreNames.contains('FILE_DATA')) { db.close(); return null; }
        var get = db.transaction('FILE_DATA').objectStore('FILE_DATA').get('/persist/motcua.sqlite');
        return req(get).then(function (rec) { db.close(); return rec && rec.contents ? new Uint8Array(rec.contents) : null; });
      });
    }).catch(function () { return null; });
  }
  S.load = function () {
    return openDb().then(function (db) {
      S.db = db;
      var tx = db.transaction(['blocks', 'meta', 'files']);
      var blocks = tx.objectStore('blocks'), files = tx.objectStore('files');
      return Promise.all([req(tx.objectStore('meta').get('file')), req(blocks.getAllKeys()), req(blocks.getAll()),
                          req(files.getAllKeys()), req(files.getAll())]);
    }).then(function (got) {
      var meta = got[0], keys = got[1], values = got[2];
      S.files = { keys: got[3], values: got[4] };
      S.storedSize = meta ? meta.size : undefined;
      if (!meta) {
        return legacyImage().then(function (img) {
          S.image = img || new Uint8Array(0);
          S.legacy = !!img;
        });
      }
      var image = new Uint8Array(meta.size);
      for (var i = 0; i < keys.length; i++) {
        var at = keys[i] * BLOCK;
        if (at >= meta.size) continue;
        var b = new Uint8Array(values[i]);
        image.set(b.subarray(0, Math.min(b.length, meta.size - at)), at);
      }
      S.image = image;
    });
  };
  // One change set: blocks (index → bytes) and the file's size after, in one transaction.
  // The attached files staged since the last write go with it.
  S.write = function (indices, blocks, size) {
    var puts = S.stagedPuts, removals = S.stagedRemovals;
    S.stagedPuts = [];
    S.stagedRemovals = [];
    return new Promise(function (ok, fail) {
      var tx = S.db.transaction(['blocks', 'meta', 'files'], 'readwrite', { durability: S.durability });
      var store = tx.objectStore('blocks'), files = tx.objectStore('files');
      for (var i = 0; i < indices.length; i++) store.put(blocks[i], indices[i]);
      for (var p = 0; p < puts.length; p++) files.put({ type: puts[p].type, data: puts[p].data }, puts[p].key);
      for (var r = 0; r < removals.length; r++) files.delete(removals[r]);
      // Blocks past the end only when the file shrank: a range delete costs LevelDB a scan, and
      // made one save in twenty take 40-170 ms when it was done at every save.
      var keep = Math.ceil(size / BLOCK);
      if (S.storedSize === undefined || size < S.storedSize) store.delete(IDBKeyRange.lowerBound(keep));
      tx.objectStore('meta').put({ size: size }, 'file');
      tx.oncomplete = function () { S.storedSize = size; ok(); };
      tx.onerror = tx.onabort = function () {
        // Staged again, under what came after: the writer's retry carries the same change set.
        S.stagedPuts = puts.concat(S.stagedPuts);
        S.stagedRemovals = removals.concat(S.stagedRemovals);
        fail(tx.error);
      };
    }).then(function () {
      if (S.legacy) { S.legacy = false; indexedDB.deleteDatabase('/persist'); }
    });
  };

  // Holding the lock until release() is called (or the tab goes away).
  function hold(lock) {
    S.owner = true;
    return new Promise(function (release) { S.release = release; });
  }
  var channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(LOCK) : null;
  if (channel) {
    channel.onmessage = function (e) {
      if (e.data === 'release' && S.owner) Module['_motcua_on_release_requested']();
    };
  }
  S.letGo = function () {
    if (S.db) { S.db.close(); S.db = null; }
    S.image = null;
    S.files = null;
    S.owner = false;
    if (S.release) { var r = S.release; S.release = null; r(); }
  };
  // Asks the owner to save and let go, then takes the lock and loads what it saved.
  S.takeOver = function () {
    if (channel) channel.postMessage('release');
    navigator.locks.request(LOCK, function (lock) {
      var held = hold(lock);
      S.load().then(function () { Module['_motcua_on_store_owned'](1); },
                    function (e) { S.error = String(e); Module['_motcua_on_store_owned'](0); });
      return held;
    });
  };

  if (typeof indexedDB === 'undefined') { S.error = 'no IndexedDB'; return; }
  addRunDependency('motcua-store');
  var loaded = function () { removeRunDependency('motcua-store'); };
  var failed = function (e) { S.error = String(e); S.image = null; loaded(); };
  if (!navigator.locks) { S.owner = true; S.load().then(loaded, failed); return; }
  // A reload lets go of the lock as its old page goes; a second try covers the moment between.
  (function attempt(tries) {
    navigator.locks.request(LOCK, { ifAvailable: true }, function (lock) {
      if (!lock) {
        if (tries > 0) setTimeout(function () { attempt(tries - 1); }, 250);
        else loaded(); // open in another tab: main() shows so
        return;
      }
      var held = hold(lock);
      S.load().then(loaded, failed);
      return held;
    });
  })(1);
});
