// The JavaScript half of the web platform layer (an Emscripten JS library).
// Implemented: canvas sizing at the device pixel ratio; pointer, wheel and key events; text
// through a hidden <textarea> (input methods, on-screen keyboards, composition), NFC-normalised;
// the page store's writes to IndexedDB (web_pre.js); fetch; online/offline; the
// globalThis.motcuaUi test interface; copy, cut and paste; touch taps, drag-to-scroll with inertia.
// The word an input method composes is shown in the field while composed; a long press on a
// field selects the word under the finger, with a bar of copy, cut and paste.
mergeInto(LibraryManager.library, {
  motcua_js_install: function () {
    var canvas = Module['canvas'] || document.getElementById('canvas');
    var ta = document.getElementById('motcua-text');
    var P = (Module.motcuaPlatform = { composing: false, persistent: 1, textActive: false });

    function call(name) {
      var f = Module['_' + name];
      return f ? f.apply(null, Array.prototype.slice.call(arguments, 1)) : undefined;
    }
    function withString(s, fn) {
      var n = lengthBytesUTF8(s) + 1;
      var p = _malloc(n);
      stringToUTF8(s, p, n);
      try { fn(p); } finally { _free(p); }
    }
    P.withString = withString;

    // --- canvas size: backing store in device pixels, layout in CSS pixels
    function resize() {
      var dpr = window.devicePixelRatio || 1;
      var w = Math.max(1, Math.round(canvas.clientWidth * dpr));
      var h = Math.max(1, Math.round(canvas.clientHeight * dpr));
      if (canvas.width !== w) canvas.width = w;
      if (canvas.height !== h) canvas.height = h;
      call('motcua_on_resize', w, h, dpr);
    }
    window.addEventListener('resize', resize);
    resize();

    // --- pointer (mouse, touch and pen alike)
    function at(e) {
      var r = canvas.getBoundingClientRect();
      return [(e.clientX - r.left) * (canvas.width / r.width), (e.clientY - r.top) * (canvas.height / r.height)];
    }
    // Mouse and pen act at once. A finger is a tap or a drag: its press is sent only when it
    // lifts without having moved (so a drag never presses what it started on), a drag scrolls
    // the screen under it and a flick goes on with inertia, and a second finger (a pinch) cancels
    // the gesture without pressing anything.
    var touches = new Map(), drag = null, fling = null;
    var SLOP = 8; // CSS px a finger may wander and still tap
    var LONG_PRESS_MS = 500; // Android's long-press timeout
    function scrollBy(dyCss) {
      var r = canvas.getBoundingClientRect();
      call('motcua_on_scroll', dyCss * (canvas.height / r.height));
    }
    function stopFling() { if (fling) { cancelAnimationFrame(fling.raf); fling = null; } }
    function startFling(v) { // v: CSS px per ms, the finger's speed as it lifted
      stopFling();
      if (Math.abs(v) < 0.05) return;
      var last = performance.now();
      fling = { v: v, raf: 0 };
      (function step() {
        var now = performance.now(), dt = Math.min(50, now - last);
        last = now;
        fling.v *= Math.pow(0.995, dt); // friction: about a second from a fast flick to rest
        if (Math.abs(fling.v) < 0.02) { fling = null; return; }
        scrollBy(-fling.v * dt);
        fling.raf = requestAnimationFrame(step);
      })();
    }
    canvas.addEventListener('pointermove', function (e) {
      if (e.pointerType !== 'touch') {
        var p = at(e);
        call('motcua_on_pointer_move', p[0], p[1]);
        return;
      }
      var t = touches.get(e.pointerId);
      if (!t || touches.size > 1) return;
      if (t.long) return; // the long press selected a word; the finger's wandering does nothing
      if (!drag && Math.abs(e.clientY - t.y0) + Math.abs(e.clientX - t.x0) > SLOP) {
        clearTimeout(t.timer);
        drag = { y: e.clientY, samples: [] };
        var q = at(e);
        call('motcua_on_pointer_move', q[0], q[1]); // over the window that scrolls
      }
      if (drag) {
        scrollBy(drag.y - e.clientY);
        drag.y = e.clientY;
        drag.samples.push({ t: e.timeStamp, y: e.clientY });
        if (drag.samples.length > 6) drag.samples.shift();
      }
    });
    canvas.addEventListener('pointerdown', function (e) {
      e.preventDefault(); // keeps focus where it is until we decide (below)
      if (e.pointerType === 'touch') {
        stopFling();
        var t = { x0: e.clientX, y0: e.clientY, long: false, timer: 0 };
        touches.set(e.pointerId, t);
        if (touches.size > 1) { drag = null; touches.forEach(function (o) { clearTimeout(o.timer); }); return; }
        // Held still for half a second on a text field: the caret goes there and the word under
        // the finger is selected, with the bar of copy, cut and paste (widgets.hpp).
        t.timer = setTimeout(function () {
          if (drag || touches.size !== 1 || touches.get(e.pointerId) !== t) return;
          var hit = itemAt(t.x0, t.y0);
          if (!hit || hit.kind !== 'input') return;
          t.long = true;
          var q = at({ clientX: t.x0, clientY: t.y0 });
          call('motcua_on_pointer_move', q[0], q[1]);
          call('motcua_on_pointer_button', q[0], q[1], 0, 1);
          call('motcua_on_pointer_button', q[0], q[1], 0, 0);
          call('motcua_on_pointer_move', -1e9, -1e9);
          call('motcua_on_long_press');
          if (navigator.vibrate) navigator.vibrate(15);
          focusText(hit);
        }, LONG_PRESS_MS);
        return;
      }
      var p = at(e);
      call('motcua_on_pointer_move', p[0], p[1]);
      call('motcua_on_pointer_button', p[0], p[1], e.button === 2 ? 1 : e.button === 1 ? 2 : 0, 1);
    });
    function touchEnded(e, cancelled) {
      var t = touches.get(e.pointerId);
      if (!t) return;
      var pinch = touches.size > 1 || t.pinch;
      clearTimeout(t.timer);
      touches.delete(e.pointerId);
      if (t.long) return; // its press was made when it was recognised
      touches.forEach(function (o) { o.pinch = o.pinch || pinch; });
      if (cancelled || pinch) { drag = null; return; }
      if (drag) {
        var s = drag.samples, v = 0;
        if (s.length >= 2 && e.timeStamp - s[s.length - 1].t < 150) v = (s[s.length - 1].y - s[0].y) / Math.max(1, s[s.length - 1].t - s[0].t);
        drag = null;
        startFling(v);
        return;
      }
      // A tap: pressed and released where the finger was, then the pointer goes away (no hover).
      var p = at(e);
      call('motcua_on_pointer_move', p[0], p[1]);
      call('motcua_on_pointer_button', p[0], p[1], 0, 1);
      call('motcua_on_pointer_button', p[0], p[1], 0, 0);
      call('motcua_on_pointer_move', -1e9, -1e9);
      var hit = itemAt(e.clientX, e.clientY);
      if (hit && hit.kind === 'input') focusText(hit);
    }
    canvas.addEventListener('pointercancel', function (e) { touchEnded(e, true); });
    canvas.addEventListener('pointerup', function (e) {
      if (e.pointerType === 'touch') { touchEnded(e, false); return; }
      var p = at(e);
      call('motcua_on_pointer_button', p[0], p[1], e.button === 2 ? 1 : e.button === 1 ? 2 : 0, 0);
      // A phone opens its keyboard only for a focus made inside the user's gesture: if the click
      // landed on a text field, focus the text area now rather than a frame later.
      var hit = itemAt(e.clientX, e.clientY);
      if (hit && hit.kind === 'input') focusText(hit);
    });
    canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
    canvas.addEventListener('wheel', function (e) {
      var scale = e.deltaMode === 1 ? 1 / 3 : 1 / 100; // lines or pixels to ImGui's wheel steps
      call('motcua_on_wheel', -e.deltaX * scale, -e.deltaY * scale);
      e.preventDefault();
    }, { passive: false });
    window.addEventListener('blur', function () { call('motcua_on_focus_lost'); });

    // --- keys: only the ones the app acts on; characters come through the text area. Modifiers
    // are passed on too, so a Ctrl released after its letter is released in the app as well
    // (otherwise text typed after Ctrl+A was dropped as a shortcut). Space goes to the app for the
    // focused button or box, and still types a space in a field.
    var keys = { 8: 1, 9: 1, 13: 1, 16: 1, 17: 1, 18: 1, 27: 1, 32: 1, 33: 1, 34: 1, 35: 1, 36: 1, 37: 1, 38: 1,
                 39: 1, 40: 1, 45: 1, 46: 1, 91: 1 };
    var modifier = { 16: 1, 17: 1, 18: 1, 91: 1 };
    function mods(e) { return (e.ctrlKey ? 1 : 0) | (e.shiftKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0); }
    // Ctrl+C, X and V are left to the browser: the text area's copy, cut and paste events below.
    function isShortcut(e) { return (e.ctrlKey || e.metaKey) && [65, 89, 90].indexOf(e.keyCode) >= 0; }
    window.addEventListener('keydown', function (e) {
      if (e.isComposing || e.keyCode === 229) return; // the input method owns this key
      if (keys[e.keyCode] || isShortcut(e)) {
        call('motcua_on_key', e.keyCode, 1, mods(e));
        var typing = document.activeElement === ta;
        if (modifier[e.keyCode] || (e.keyCode === 32 && typing)) return;
        if (e.keyCode !== 8 || ta.value === '') e.preventDefault();
      }
    });
    window.addEventListener('keyup', function (e) {
      if (keys[e.keyCode] || isShortcut(e)) call('motcua_on_key', e.keyCode, 0, mods(e));
      // Space on a focused control of the screen-reader mirror would click it as well.
      if (e.keyCode === 32 && document.activeElement !== ta) e.preventDefault();
    });

    // --- clipboard: the field's selection is what a copy takes; a paste is typed at the caret
    function selection() { return UTF8ToString(call('motcua_ui_selected_text')); }
    ta.addEventListener('copy', function (e) {
      var t = selection();
      if (!t) return;
      e.clipboardData.setData('text/plain', t);
      e.preventDefault();
    });
    ta.addEventListener('cut', function (e) {
      var t = selection();
      if (!t) return;
      e.clipboardData.setData('text/plain', t);
      e.preventDefault();
      call('motcua_on_key', 46, 1, 0); // Delete removes the selection in the field
      call('motcua_on_key', 46, 0, 0);
    });
    ta.addEventListener('paste', function (e) {
      var t = (e.clipboardData && e.clipboardData.getData('text/plain')) || '';
      e.preventDefault();
      if (!t) return;
      t = t.replace(/[\r\n]+/g, ' ').normalize('NFC');
      withString(t, function (p) { call('motcua_on_text', p); });
    });

    // --- text: typed, composed, or inserted by an on-screen keyboard
    function flush() {
      if (P.composing) return;
      var t = ta.value;
      if (!t) return;
      ta.value = '';
      t = t.replace(/[\r\n]+/g, ' ').normalize('NFC');
      withString(t, function (p) { call('motcua_on_text', p); });
    }
    // The word being composed shows in the field as it grows; the commit replaces it.
    function preedit(t) { withString(t.normalize('NFC'), function (p) { call('motcua_on_preedit', p); }); }
    ta.addEventListener('compositionstart', function () { P.composing = true; });
    ta.addEventListener('compositionupdate', function (e) { preedit(e.data || ''); });
    ta.addEventListener('compositionend', function () { P.composing = false; preedit(''); flush(); });
    ta.addEventListener('input', function (e) { if (!e.isComposing) flush(); });
    ta.addEventListener('beforeinput', function (e) {
      // On-screen keyboards delete through beforeinput, with no key event, and an empty text
      // area has nothing to delete: pass it on as a Backspace press.
      if (e.inputType === 'deleteContentBackward' && ta.value === '' && !P.composing) {
        call('motcua_on_key', 8, 1, 0);
        call('motcua_on_key', 8, 0, 0);
        e.preventDefault();
      }
    });
    function focusText(item) {
      P.textActive = true;
      placeText(item.x, item.y, item.w, item.h);
      if (document.activeElement !== ta) ta.focus({ preventScroll: true });
    }
    // Input methods show their candidate window near the focused element: keep it over the field.
    function placeText(x, y, w, h) {
      ta.style.left = x + 'px';
      ta.style.top = y + 'px';
      ta.style.width = Math.max(1, w) + 'px';
      ta.style.height = Math.max(1, h) + 'px';
    }
    // The keyboard the field asks for (widgets.hpp input_mode): digits for an ID or a phone number.
    var inputModes = ['text', 'numeric', 'decimal', 'tel', 'email'];
    P.setTextInput = function (active, x, y, w, h, mode) {
      if (active) {
        var m = inputModes[mode] || 'text';
        if (ta.inputMode !== m) {
          ta.inputMode = m;
          // A keyboard already open changes only when the field is focused again.
          if (document.activeElement === ta) ta.blur();
        }
        var r = canvas.getBoundingClientRect();
        var sx = r.width / canvas.width, sy = r.height / canvas.height;
        focusText({ x: r.left + x * sx, y: r.top + y * sy, w: w * sx, h: h * sy });
      } else if (P.textActive) {
        P.textActive = false;
        flush();
        if (document.activeElement === ta) ta.blur();
      }
    };

    // --- history: the app's screens are history entries, so the Android back button or gesture
    // goes back one screen. Below home sits a guard entry: back at home stays in the app and says
    // so; back again within 3 s leaves. Entries carry their depth (home is 1).
    P.initialHash = location.hash;
    history.replaceState({ motcua: 0 }, '', '#/');
    history.pushState({ motcua: 1 }, '', '#/');
    var leaveAsked = 0;
    window.addEventListener('popstate', function (e) {
      if (e.state === null) {
        // A link within the page (#/screen) or typed in the address bar: open what it names.
        withString(location.hash, function (p) { call('motcua_on_link', p); });
        return;
      }
      var depth = typeof e.state.motcua === 'number' ? e.state.motcua : 0;
      if (depth === 0) {
        if (Date.now() - leaveAsked < 3000) { history.back(); return; }
        leaveAsked = Date.now();
        history.pushState({ motcua: 1 }, '', '#/');
        call('motcua_on_back_at_home');
        return;
      }
      call('motcua_on_history', depth);
    });

    // --- network state
    window.addEventListener('online', function () { call('motcua_on_online'); });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') call('motcua_on_page_hide');
    });
    window.addEventListener('pagehide', function () { call('motcua_on_page_hide'); });

    // --- storage: what it holds, and whether the browser keeps it under pressure. Asked only at the
    // first draft (web_main.cpp): a browser may prompt, and a prompt before anything is typed
    // means nothing to the person.
    P.refreshUsage = function () {
      if (!navigator.storage || !navigator.storage.estimate) return;
      navigator.storage.estimate().then(function (e) { P.usage = e.usage || 0; }, function () {});
    };
    if (navigator.storage && navigator.storage.persisted)
      navigator.storage.persisted().then(function (p) { P.persistent = p ? 1 : 0; P.persistChecked = true; }, function () {});
    P.refreshUsage();

    // --- the UI test interface: the last frame's items, in CSS pixels of the page
    function items(all) {
      var ptr = call('motcua_ui_items_json', all ? 1 : 0);
      if (!ptr) return [];
      var list = JSON.parse(UTF8ToString(ptr));
      var r = canvas.getBoundingClientRect();
      var sx = r.width / canvas.width, sy = r.height / canvas.height;
      for (var i = 0; i < list.length; i++) {
        var it = list[i];
        it.x = r.left + it.x * sx;
        it.y = r.top + it.y * sy;
        it.w = it.w * sx;
        it.h = it.h * sy;
      }
      return list;
    }
    function itemAt(cx, cy) {
      var list = items();
      for (var i = 0; i < list.length; i++) {
        var it = list[i];
        if (cx >= it.x && cx < it.x + it.w && cy >= it.y && cy < it.y + it.h) return it;
      }
      return null;
    }
    Object.defineProperty(globalThis, 'motcuaUi', { configurable: true, get: function () { return items(false); } });
    P.allItems = function () { return items(true); };
    // The local store's own check (PRAGMA integrity_check), for tests after a killed browser.
    globalThis.motcuaStoreCheck = function () { return UTF8ToString(call('motcua_store_check')); };
  },

  motcua_js_text_input: function (active, x, y, w, h, mode) {
    Module.motcuaPlatform.setTextInput(active, x, y, w, h, mode);
  },

  // The local store (web_pre.js): 1 this tab owns it and its blocks are loaded, 2 another tab
  // owns it, 0 there is none (IndexedDB refused: private mode, quota).
  motcua_js_store_state: function () {
    var S = Module.motcuaStore;
    if (!S || S.error) return 0;
    return S.owner ? 1 : 2;
  },
  motcua_js_stored_size: function () {
    var S = Module.motcuaStore;
    return S && S.image ? S.image.length : 0;
  },
  // Copies the loaded file into the module and lets JS forget it. Returns 1 if it came from the
  // IDBFS copy of an earlier version (to be written whole once).
  motcua_js_take_stored: function (into) {
    var S = Module.motcuaStore;
    if (S.image && S.image.length) HEAPU8.set(S.image, into);
    S.image = null;
    return S.legacy ? 1 : 0;
  },
  // The attached files IndexedDB held, each copied into the module, then forgotten by JS.
  motcua_js_take_files: function () {
    var S = Module.motcuaStore, f = S && S.files;
    if (!f) return;
    S.files = null;
    for (var i = 0; i < f.keys.length; i++) {
      var rec = f.values[i], bytes = new Uint8Array(rec.data);
      var P = Module.motcuaPlatform;
      P.withString(String(f.keys[i]), function (key) {
        P.withString(rec.type || '', function (type) {
          var at = _malloc(Math.max(1, bytes.length));
          HEAPU8.set(bytes, at);
          try { Module['_motcua_on_file_loaded'](key, type, at, bytes.length); } finally { _free(at); }
        });
      });
    }
  },
  // An attached file to write with the next change set (copied: the heap may move).
  motcua_js_stage_file: function (key, type, data, size) {
    Module.motcuaStore.stagedPuts.push({ key: UTF8ToString(key), type: UTF8ToString(type),
                                         data: HEAPU8.slice(data, data + size) });
  },
  motcua_js_stage_file_removal: function (key) { Module.motcuaStore.stagedRemovals.push(UTF8ToString(key)); },
  // One change set of the page VFS: count blocks of 4 KB at `data`, their indices at `indices`.
  motcua_js_write_pages: function (indices, data, count, size) {
    var idx = [], blocks = [];
    for (var i = 0; i < count; i++) {
      idx.push(HEAPU32[(indices >> 2) + i]);
      blocks.push(HEAPU8.slice(data + i * 4096, data + (i + 1) * 4096)); // a copy: the heap may move
    }
    var t0 = performance.now();
    Module.motcuaStore.write(idx, blocks, size).then(function () {
      var w = Module.motcuaStore.writeTimes || (Module.motcuaStore.writeTimes = []);
      w.push(performance.now() - t0); // the IndexedDB transaction alone, for the save benchmark
      if (w.length > 500) w.shift();
      Module['_motcua_on_pages_written'](1);
    }, function (e) {
      console.warn('motcua: saving to IndexedDB failed', e);
      Module['_motcua_on_pages_written'](0);
    });
  },
  // The selection bar's Copy and Cut, and its Paste (the page asks the browser for the text).
  motcua_js_clipboard_write: function (utf8) {
    var t = UTF8ToString(utf8);
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(t).catch(function () {});
  },
  motcua_js_clipboard_read: function () {
    if (!navigator.clipboard || !navigator.clipboard.readText) return;
    navigator.clipboard.readText().then(function (t) {
      if (!t) return;
      Module.motcuaPlatform.withString(t.replace(/[\r\n]+/g, ' ').normalize('NFC'), function (p) {
        Module['_motcua_on_paste'](p);
      });
    }, function () {});
  },
  motcua_js_release_store: function () { Module.motcuaStore.letGo(); },
  motcua_js_take_over: function () { Module.motcuaStore.takeOver(); },

  motcua_js_fetch: function (id, method, path, headersJson, bodyPtr, bodySize) {
    var m = UTF8ToString(method), url = UTF8ToString(path);
    var headers = JSON.parse(UTF8ToString(headersJson));
    // A copy: the wasm heap may grow (and move) before fetch reads the body.
    var b = bodySize > 0 ? HEAPU8.slice(bodyPtr, bodyPtr + bodySize) : undefined;
    var done = function (status, text, kept) {
      var P = Module.motcuaPlatform;
      P.withString(text, function (p) {
        P.withString(JSON.stringify(kept), function (h) { Module['_motcua_on_fetch_done'](id, status, p, h); });
      });
    };
    var ctl = typeof AbortController !== 'undefined' ? new AbortController() : null;
    var timer = setTimeout(function () { if (ctl) ctl.abort(); }, 30000);
    fetch(url, { method: m, body: b, cache: 'no-store', headers: headers, signal: ctl ? ctl.signal : undefined })
      .then(function (r) {
        var kept = {};
        ['Date', 'ETag', 'Retry-After'].forEach(function (n) { var v = r.headers.get(n); if (v) kept[n] = v; });
        return r.text().then(function (t) { done(r.status, t, kept); });
      })
      .catch(function () { done(0, '', {}); })
      .finally(function () { clearTimeout(timer); });
  },

  // The file chooser (camera on phones). The size is checked before a byte is read, so a
  // 50 MB video chosen by mistake costs nothing.
  motcua_js_pick_file: function (maxSize) {
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/jpeg,image/png,application/pdf';
    input.style.display = 'none';
    input.addEventListener('change', function () {
      var f = input.files && input.files[0];
      input.remove();
      if (!f) return;
      if (f.size > maxSize) { Module['_motcua_on_file_too_large'](); return; }
      f.arrayBuffer().then(function (buf) {
        var bytes = new Uint8Array(buf);
        var p = _malloc(Math.max(1, bytes.length));
        HEAPU8.set(bytes, p);
        var P = Module.motcuaPlatform;
        P.withString(f.name, function (n) {
          P.withString(f.type || '', function (t) { Module['_motcua_on_file_picked'](n, t, p, bytes.length); });
        });
        _free(p);
        P.afterFilePicked && P.afterFilePicked();
      });
    });
    document.body.appendChild(input);
    input.click();
  },

  motcua_js_update_waiting: function () {
    return typeof motcuaUpdate !== 'undefined' && motcuaUpdate.waiting ? 1 : 0;
  },
  motcua_js_apply_update: function () {
    if (typeof motcuaUpdate !== 'undefined') motcuaUpdate.apply();
  },
  motcua_js_initial_hash: function () {
    var P = Module.motcuaPlatform;
    if (!P.hashPtr) {
      var h = (P.initialHash || '').slice(0, 200), n = lengthBytesUTF8(h) + 1;
      P.hashPtr = _malloc(n); // kept for the page's life: read once at start
      stringToUTF8(h, P.hashPtr, n);
    }
    return P.hashPtr;
  },
  motcua_js_push_route: function (hash, depth) {
    history.pushState({ motcua: depth }, '', UTF8ToString(hash));
  },
  motcua_js_history_back: function () { history.back(); },
  motcua_js_replace_route: function (hash, depth) {
    history.replaceState({ motcua: depth }, '', UTF8ToString(hash));
  },
  motcua_js_request_persistence: function () {
    var P = Module.motcuaPlatform;
    if (!navigator.storage || !navigator.storage.persist) return;
    navigator.storage.persist().then(function (p) { P.persistent = p ? 1 : 0; }, function () { P.persistent = 0; });
  },
  motcua_js_storage_used: function () {
    var P = Module.motcuaPlatform;
    var now = Date.now();
    if (!P.usageAt || now - P.usageAt > 5000) { P.usageAt = now; P.refreshUsage(); }
    return P.usage || 0;
  },
  motcua_js_online: function () { return navigator.onLine ? 1 : 0; },
  motcua_js_storage_persistent: function () { return Module.motcuaPlatform.persistent; },
  motcua_js_date_now: function () { return Date.now(); },
  // After each drawn frame: the screen-reader mirror (web_a11y.js) follows the items.
  motcua_js_frame_drawn: function () {
    if (!Module.motcuaA11y) return;
    var list = Module.motcuaPlatform.allItems();
    Module.motcuaA11y.frame(JSON.stringify(list), list, UTF8ToString(Module['_motcua_ui_focused_id']()));
  },
  motcua_js_first_frame: function () {
    if (performance.mark) performance.mark('motcua-first-frame');
    globalThis.motcuaFirstFrameMs = performance.now();
    var loading = document.getElementById('loading');
    if (loading) loading.remove();
  },
});
