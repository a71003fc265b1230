// The browser entry point: wires the page (web_platform.js), WebGL2, ImGui, the local store
// and the app, then runs one frame per animation frame. Frames are only drawn when something
// changed (input, app state) or a few times a second, to spare a cheap phone's battery.
#include "client/app/citizen_app.hpp"
#include "client/platform/input_queue.hpp"
#include "client/platform/web_transport.hpp"
#include "shared/protocol/attachment_state.hpp"
#include "shared/protocol/errors.hpp"
#include "client/store/durable_writer.hpp"
#include "client/store/local_store.hpp"
#include "client/store/page_vfs.hpp"
#include "client/ui/citizen_screen.hpp"
#include "client/ui/elsewhere_screen.hpp"
#include "client/ui/screens/screen_table.hpp"
#include "client/ui/theme.hpp"
#include "client/ui/ui_items.hpp"
#include "client/ui/widgets.hpp"
#include "shared/catalog/catalog.hpp"
#include "shared/crypto/signing.hpp"
#include "shared/encoding/base64.hpp"
#include "shared/units/asset.hpp"
#include "shared/units/registry.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <sodium.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

extern "C" {
void motcua_js_install();
int motcua_js_store_state();
double motcua_js_stored_size();
int motcua_js_take_stored(std::uint8_t* into);
void motcua_js_write_pages(const std::uint32_t* indices, const std::uint8_t* data, int count, double size);
// The clipboard, for the selection bar of a long press: write this text; read and paste.
void motcua_js_clipboard_write(const char* utf8);
void motcua_js_clipboard_read();
// Attached files to write (or remove) with the next write_pages, in its transaction.
void motcua_js_stage_file(const char* key, const char* media_type, const std::uint8_t* data, int size);
void motcua_js_stage_file_removal(const char* key);
// The files IndexedDB held at start, each handed to motcua_on_file_loaded, then dropped by JS.
void motcua_js_take_files();
void motcua_js_release_store();
void motcua_js_take_over();
void motcua_js_text_input(int active, float x, float y, float w, float h, int mode);
void motcua_js_first_frame();
void motcua_js_frame_drawn();
const char* motcua_js_initial_hash();
void motcua_js_push_route(const char* hash, int depth);
void motcua_js_history_back();
void motcua_js_replace_route(const char* hash, int depth);
int motcua_js_online();
int motcua_js_update_waiting();
void motcua_js_apply_update();
int motcua_js_storage_persistent();
void motcua_js_request_persistence();
double motcua_js_storage_used();
double motcua_js_date_now();
void motcua_js_pick_file(double max_size);
}

namespace {

using namespace motcua;

constexpr const char* store_path = "/motcua.sqlite";

struct web_app {
    platform::input_queue input;
    platform::web_transport net;
    // The page VFS's change sets, one IndexedDB transaction at a time (web_pre.js).
    client::durable_writer writer{[](const client::pages::change_set& c) {
        std::vector<std::uint32_t> indices;
        std::vector<std::uint8_t> data;
        indices.reserve(c.blocks.size());
        data.reserve(c.blocks.size() * client::pages::block_size);
        for (const auto& [i, b] : c.blocks) {
            indices.push_back(i);
            data.insert(data.end(), b.begin(), b.end());
        }
        for (const auto& [key, f] : c.blobs.put)
            motcua_js_stage_file(key.c_str(), f.media_type.c_str(), f.content.data(), int(f.content.size()));
        for (const auto& key : c.blobs.removed) motcua_js_stage_file_removal(key.c_str());
        motcua_js_write_pages(indices.data(), data.data(), int(indices.size()), double(c.file_size));
    }};
    double retry_write_at_ms = 0;
    double save_started_ms = 0; // the first commit not yet durable
    // Attached files, apart from the database; written with its commits (blob_store.hpp).
    client::blob_store files;
    std::optional<client::local_store> store;
    std::unique_ptr<client::citizen_app> app;
    // Another tab owns the store: this one shows so and offers to take over.
    bool elsewhere = false, taking_over = false, releasing = false;
    bool persistence_asked = false;
    bool drawing_paused = false; // the save benchmark's store-alone run
    client::navigator nav{{"home", ""}};
    std::uint64_t seen_nav = 0;
    client::preferences theme_for; // what the fonts and style were built for
    bool theme_built = false;
    double notice_until_ms = 0;
    double typed_at_ms = -1e9, shrunk_at_ms = -1e9; // keep the field being typed in above the keyboard
    ui::screen_state screen;
    int width = 1, height = 1;
    float dpr = 1, font_dpr = 0;
    double last_draw_ms = 0;
    int frames_to_draw = 2;
    std::uint64_t seen_generation = ~0ull;
    bool text_input_shown = false;
    bool first_frame_done = false;
    bool store_on_disk = true;
    units::registry units;
    bool units_loaded = false;
};

// The administrative units packed into the app (see client/CMakeLists.txt).
bool load_units(units::registry& into) {
    std::FILE* f = std::fopen("/data/units.bin", "rb");
    if (!f) return false;
    std::vector<std::uint8_t> bytes;
    std::uint8_t buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) bytes.insert(bytes.end(), buf, buf + n);
    std::fclose(f);
    return units::load_asset(into, bytes).ok();
}

web_app& the_app() {
    static web_app a;
    return a;
}

client::platform_services services(web_app& a) {
    client::platform_services s{
        [] { return std::int64_t(motcua_js_date_now()); },
        [](std::span<std::uint8_t> out) { randombytes_buf(out.data(), out.size()); },
    };
    if (a.units_loaded)
        s.unit_exists = [&a](std::string_view code, civil_date on) { return a.units.exists(code, on); };
    return s;
}

// Opens the database this tab now owns (its blocks loaded by web_pre.js), or one in memory when
// the browser gives no storage, and starts the app on it.
void open_store(web_app& a, bool owned) {
    std::optional<result<client::local_store>> store;
    if (owned) {
        std::vector<std::uint8_t> image(static_cast<std::size_t>(motcua_js_stored_size()));
        const bool legacy = motcua_js_take_stored(image.data()) != 0;
        // The copy IDBFS kept is written whole once, in one transaction, then IDBFS's is deleted.
        client::pages::attach(store_path, std::move(image),
                              [&a](client::pages::change_set c) {
                                  if (a.writer.durable()) a.save_started_ms = emscripten_get_now();
                                  c.blobs = a.files.take_changes(); // the files this commit names
                                  a.writer.synced(std::move(c));
                              },
                              legacy);
        a.files = client::blob_store();
        motcua_js_take_files();
        store.emplace(client::local_store::open(store_path, nullptr, client::pages::vfs_name(), &a.files));
        if (*store && legacy) (void)(*store)->set_text_meta("storage_moved_from", "idbfs");
    }
    if (store && !*store) std::fprintf(stderr, "motcua: the local store could not be opened: %s\n", (*store).err().en.c_str());
    a.store_on_disk = store && *store;
    if (!a.store_on_disk) store.emplace(client::local_store::open(":memory:", nullptr));
    a.store.emplace(std::move(**store));
    a.app = std::make_unique<client::citizen_app>(*a.store, a.net, services(a));
    if (auto kept = a.store->text_meta("preferences")) {
        a.screen.prefs = client::preferences::from_text(*kept);
        a.screen.lang = a.screen.prefs.english ? ui::language::en : ui::language::vi;
    }
    a.screen.procedures = a.app->catalog_in_use().procedures().size();
    a.elsewhere = a.taking_over = false;
    a.frames_to_draw = 3;
}

// Another tab asked for the store: every key already pressed is applied, everything typed is
// saved and durable first, and no request
// is in flight (its answer would arrive for an app that is gone); then the store is closed, its
// memory dropped, and the lock let go.
void release_when_saved(web_app& a) {
    if (!a.app || !a.input.empty()) return;
    a.app->flush_draft();
    if (a.app->draft_state() == client::save_state::pending || !a.writer.durable() || a.app->syncing()) return;
    a.app.reset();
    a.store.reset();
    client::pages::detach(store_path);
    a.releasing = false;
    a.elsewhere = true;
    a.frames_to_draw = 3;
    motcua_js_release_store();
}

// Fonts are rasterised at the device's pixel ratio, so text is sharp on phone screens.
void build_fonts(float dpr, const client::preferences& prefs) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    static ImVector<ImWchar> ranges;
    if (ranges.empty()) {
        ImFontGlyphRangesBuilder b;
        b.AddRanges(io.Fonts->GetGlyphRangesVietnamese());
        b.AddRanges(io.Fonts->GetGlyphRangesDefault());
        // GetGlyphRangesVietnamese lacks punctuation the UI uses. The font files hold only these
        // glyphs: keep MOTCUA_FONT_UNICODES in client/CMakeLists.txt in step.
        b.AddText("–—‘’“”…•●○₫→✓←");
        b.BuildRanges(&ranges);
    }
    const float size = ui::text_px(prefs) * dpr;
    ImFontConfig cfg;
    cfg.OversampleH = 1; // the atlas stays small; the font is already at device resolution
    if (!io.Fonts->AddFontFromFileTTF("/fonts/motcua-ui.ttf", size, &cfg, ranges.Data))
        io.Fonts->AddFontDefault();
    io.Fonts->AddFontFromFileTTF("/fonts/motcua-ui-bold.ttf", size * 1.15f, &cfg, ranges.Data);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();

    ui::apply_theme(prefs, dpr);
}

void keymap() {
    ImGuiIO& io = ImGui::GetIO();
    // Indices are DOM keyCodes, which the page sends.
    // Tab is not ImGui's (it tabs between text fields only): client/ui/widgets.cpp moves the
    // focus through every control.
    io.KeyMap[ImGuiKey_LeftArrow] = 37;
    io.KeyMap[ImGuiKey_RightArrow] = 39;
    io.KeyMap[ImGuiKey_UpArrow] = 38;
    io.KeyMap[ImGuiKey_DownArrow] = 40;
    io.KeyMap[ImGuiKey_PageUp] = 33;
    io.KeyMap[ImGuiKey_PageDown] = 34;
    io.KeyMap[ImGuiKey_Home] = 36;
    io.KeyMap[ImGuiKey_End] = 35;
    io.KeyMap[ImGuiKey_Insert] = 45;
    io.KeyMap[ImGuiKey_Delete] = 46;
    io.KeyMap[ImGuiKey_Backspace] = 8;
    io.KeyMap[ImGuiKey_Space] = 32;
    io.KeyMap[ImGuiKey_Enter] = 13;
    io.KeyMap[ImGuiKey_Escape] = 27;
    io.KeyMap[ImGuiKey_KeyPadEnter] = 13;
    io.KeyMap[ImGuiKey_A] = 65;
    io.KeyMap[ImGuiKey_C] = 67;
    io.KeyMap[ImGuiKey_V] = 86;
    io.KeyMap[ImGuiKey_X] = 88;
    io.KeyMap[ImGuiKey_Y] = 89;
    io.KeyMap[ImGuiKey_Z] = 90;
}

void frame() {
    web_app& a = the_app();
    if (a.drawing_paused) return;
    const double now = emscripten_get_now();
    const bool online = motcua_js_online() != 0;
    if (online != a.screen.online) a.frames_to_draw = 2;
    a.screen.online = online;
    a.screen.storage_persistent = a.store_on_disk && motcua_js_storage_persistent() != 0;
    const bool update = motcua_js_update_waiting() != 0;
    if (update != a.screen.update_waiting) a.frames_to_draw = 2;
    a.screen.update_waiting = update;
    if (a.releasing) release_when_saved(a);
    if (a.app) {
        a.app->tick(online);
        // The first draft is when keeping the store starts to matter: ask the browser then.
        if (!a.persistence_asked && a.store_on_disk &&
            (a.app->draft_state() == client::save_state::saved || !a.app->outbox().empty())) {
            a.persistence_asked = true;
            motcua_js_request_persistence();
        }
        a.screen.storage_used_bytes = a.store_on_disk ? std::uint64_t(motcua_js_storage_used()) : 0;
        // Everything committed so far is durable (or the commit changed nothing).
        if (a.writer.durable()) a.app->persisted();
        if (a.app->generation() != a.seen_generation) {
            a.seen_generation = a.app->generation();
            a.frames_to_draw = 3;
        }
    }
    // Files written or released with no commit after them (a removal follows its commit): they
    // go on their own, keeping the file's size.
    if (a.store_on_disk && a.files.has_changes()) {
        client::pages::change_set c;
        if (const auto* content = client::pages::content(store_path)) c.file_size = content->size();
        c.blobs = a.files.take_changes();
        if (a.writer.durable()) a.save_started_ms = now;
        a.writer.synced(std::move(c));
    }
    if (a.writer.failures() > 0 && !a.writer.writing() && now >= a.retry_write_at_ms) {
        a.retry_write_at_ms = now + 2000;
        a.writer.retry();
    }
    if (!a.input.empty()) a.frames_to_draw = std::max(a.frames_to_draw, 3);
    // Nothing changed: nothing is drawn, except the caret's blink while a field is being edited.
    if (a.frames_to_draw == 0 && (!a.text_input_shown || now - a.last_draw_ms < 500)) return;
    if (a.frames_to_draw > 0) --a.frames_to_draw;
    const double frame_started = emscripten_get_now();

    ImGuiIO& io = ImGui::GetIO();
    if (a.dpr != a.font_dpr || !a.theme_built || !(a.theme_for == a.screen.prefs)) {
        build_fonts(a.dpr, a.screen.prefs);
        a.font_dpr = a.dpr;
        a.theme_for = a.screen.prefs;
        a.theme_built = true;
    }
    io.DisplaySize = ImVec2(float(a.width), float(a.height));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.DeltaTime = a.last_draw_ms > 0 ? float(std::max(1.0, now - a.last_draw_ms) / 1000.0) : 1.0f / 60;
    a.last_draw_ms = now;
    a.input.apply_one_frame();
    a.screen.now_ms = std::int64_t(motcua_js_date_now());

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    ui::begin_frame();
    if (!a.app) {
        if (ui::draw_elsewhere_screen(a.screen.lang, a.taking_over) && !a.taking_over) {
            a.taking_over = true;
            motcua_js_take_over();
        }
        ImGui::Render();
        glViewport(0, 0, a.width, a.height);
        glClearColor(1, 1, 1, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (!a.first_frame_done) {
            a.first_frame_done = true;
            motcua_js_first_frame();
        }
        motcua_js_frame_drawn();
        return;
    }
    const ui::screen_def* screen = ui::find_screen(a.nav.current().screen);
    if (!screen) screen = ui::find_screen("home");
    if (!a.screen.notice.empty() && emscripten_get_now() > a.notice_until_ms) a.screen.notice.clear();
    screen->draw(*a.app, a.screen);
    // The intents the screen raised.
    if (a.screen.open) {
        a.nav.open(std::move(*a.screen.open));
        a.screen.open.reset();
        motcua_js_push_route(client::to_hash(a.nav.current()).c_str(), int(a.nav.depth()));
    }
    if (a.screen.go_back) {
        a.screen.go_back = false;
        motcua_js_history_back(); // the history's popstate moves the navigator (motcua_on_history)
    }
    if (a.screen.prefs_changed) {
        a.screen.prefs_changed = false;
        a.screen.lang = a.screen.prefs.english ? ui::language::en : ui::language::vi;
        (void)a.store->set_text_meta("preferences", a.screen.prefs.to_text());
    }
    if (a.nav.generation() != a.seen_nav) {
        a.seen_nav = a.nav.generation();
        a.frames_to_draw = 3;
    }
    if (a.screen.pick_file) {
        a.screen.pick_file = false;
        motcua_js_pick_file(double(protocol::max_attachment_size));
    }
    // The new version takes over only once the draft is safely stored.
    if (a.screen.apply_update) {
        a.app->flush_draft();
        if (a.app->draft_state() != client::save_state::pending && a.writer.durable()) {
            a.screen.apply_update = false;
            motcua_js_apply_update();
        }
    }
    ImGui::Render();
    glViewport(0, 0, a.width, a.height);
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    if (const std::string copied = ui::take_clipboard_write(); !copied.empty()) motcua_js_clipboard_write(copied.c_str());
    if (ui::take_clipboard_read_request()) motcua_js_clipboard_read();
    const auto& items = ui::current_items();
    if (items.text_input_active()) {
        const auto& r = items.text_input();
        motcua_js_text_input(1, r.x, r.y, r.w, r.h, items.text_input_mode());
        a.text_input_shown = true;
        // The field being typed in stays in view: when the on-screen keyboard takes the lower part
        // of the screen (the page shrinks: index.html asks for interactive-widget=resizes-content),
        // or the text grows, the screen scrolls it back above the keyboard.
        // Only then: a person may scroll away from the field on purpose.
        const bool keep = emscripten_get_now() - std::max(a.typed_at_ms, a.shrunk_at_ms) < 600;
        const float margin = 12 * a.dpr, bottom = float(a.height) - margin;
        if (!keep) {
        } else if (r.y + r.h > bottom && r.h < bottom) {
            platform::input_event e{platform::input_event::type::scroll_pixels};
            e.y = r.y + r.h - bottom;
            a.input.push(std::move(e));
        } else if (r.y < margin) {
            platform::input_event e{platform::input_event::type::scroll_pixels};
            e.y = r.y - margin;
            a.input.push(std::move(e));
        }
    } else if (a.text_input_shown) {
        motcua_js_text_input(0, 0, 0, 0, 0, 0);
        a.text_input_shown = false;
    }
    // The frame's own cost in the module (UI, layout, draw lists, GL calls), for the frame benchmark.
    const double took = emscripten_get_now() - frame_started;
    EM_ASM({ var t = Module.motcuaFrameTimes || (Module.motcuaFrameTimes = []);
             t.push($0); if (t.length > 1000) t.shift(); }, took);
    if (!a.first_frame_done) {
        a.first_frame_done = true;
        motcua_js_first_frame();
    }
    motcua_js_frame_drawn();
}

} // namespace

// Called by web_platform.js.
extern "C" {
EMSCRIPTEN_KEEPALIVE void motcua_on_resize(int w, int h, float dpr) {
    auto& a = the_app();
    a.width = std::max(1, w);
    if (h < a.height) a.shrunk_at_ms = emscripten_get_now(); // the on-screen keyboard opened, perhaps
    a.height = std::max(1, h);
    a.dpr = dpr > 0 ? dpr : 1;
    a.frames_to_draw = 3;
}
EMSCRIPTEN_KEEPALIVE void motcua_on_pointer_move(float x, float y) {
    the_app().input.push({platform::input_event::type::mouse_move, x, y});
}
EMSCRIPTEN_KEEPALIVE void motcua_on_pointer_button(float x, float y, int button, int down) {
    the_app().input.push({platform::input_event::type::mouse_button, x, y, button, down != 0});
}
EMSCRIPTEN_KEEPALIVE void motcua_on_wheel(float dx, float dy) {
    the_app().input.push({platform::input_event::type::wheel, dx, dy});
}
// A finger's drag: the screen follows it by this many framebuffer pixels (down: positive).
EMSCRIPTEN_KEEPALIVE void motcua_on_scroll(float dy) {
    platform::input_event e{platform::input_event::type::scroll_pixels};
    e.y = dy;
    the_app().input.push(std::move(e));
}
EMSCRIPTEN_KEEPALIVE void motcua_on_key(int code, int down, int mods) {
    the_app().typed_at_ms = emscripten_get_now();
    the_app().input.push({platform::input_event::type::key, 0, 0, code, down != 0, mods});
}
EMSCRIPTEN_KEEPALIVE void motcua_on_text(const char* utf8) {
    platform::input_event e{platform::input_event::type::text};
    e.text = utf8;
    the_app().typed_at_ms = emscripten_get_now();
    the_app().input.push(std::move(e));
}
// What an input method is composing (Gboard composes whole words), "" when it commits or
// cancels; the committed text follows as motcua_on_text.
EMSCRIPTEN_KEEPALIVE void motcua_on_preedit(const char* utf8) {
    platform::input_event e{platform::input_event::type::preedit};
    e.text = utf8;
    the_app().typed_at_ms = emscripten_get_now();
    the_app().input.push(std::move(e));
}
// A finger held still on a text field: its press came first; the word under it is selected.
EMSCRIPTEN_KEEPALIVE void motcua_on_long_press() {
    the_app().input.push({platform::input_event::type::select_word});
}
// What the clipboard held, after the selection bar's Paste.
EMSCRIPTEN_KEEPALIVE void motcua_on_paste(const char* utf8) {
    ui::paste(utf8);
    the_app().frames_to_draw = 3;
}
EMSCRIPTEN_KEEPALIVE void motcua_on_focus_lost() {
    the_app().input.push({platform::input_event::type::focus_lost});
}
EMSCRIPTEN_KEEPALIVE void motcua_on_online() {
    // The network is back: do not wait for the backoff timer.
    if (auto& a = the_app(); a.app) a.app->sync_now();
}
EMSCRIPTEN_KEEPALIVE void motcua_on_page_hide() {
    if (auto& a = the_app(); a.app) a.app->flush_draft();
}
// The browser's history moved (back button or gesture): `depth` is the entry now shown.
EMSCRIPTEN_KEEPALIVE void motcua_on_history(int depth) {
    auto& a = the_app();
    while (int(a.nav.depth()) > std::max(1, depth) && a.nav.back()) {}
    a.frames_to_draw = 3;
}
// A #/ link followed within the page: its screen opens over home (anything else: home).
EMSCRIPTEN_KEEPALIVE void motcua_on_link(const char* hash) {
    auto& a = the_app();
    auto r = client::route_from_hash(hash);
    if (!r || !ui::find_screen(r->screen)) r = client::route{"home", ""};
    a.nav.open_from_link(*r);
    motcua_js_replace_route(client::to_hash(a.nav.current()).c_str(), int(a.nav.depth()));
    a.frames_to_draw = 3;
}
// Back at home: the app stays; a second back soon after leaves (web_platform.js).
EMSCRIPTEN_KEEPALIVE void motcua_on_back_at_home() {
    auto& a = the_app();
    a.screen.notice = std::string(ui::text(ui::text_key::back_again_to_leave, a.screen.lang));
    a.notice_until_ms = emscripten_get_now() + 3000;
    a.frames_to_draw = 3;
}
// One attached file as IndexedDB held it at start (motcua_js_take_files).
EMSCRIPTEN_KEEPALIVE void motcua_on_file_loaded(const char* key, const char* media_type, const std::uint8_t* data,
                                                int size) {
    the_app().files.load(key, {media_type, std::vector<std::uint8_t>(data, data + size)});
}
// A change set's IndexedDB transaction ended.
EMSCRIPTEN_KEEPALIVE void motcua_on_pages_written(int ok) {
    auto& a = the_app();
    if (a.writer.written(ok != 0)) {
        // From a commit to its durability, for the save benchmark (tools/bench/store_save.mjs).
        const double took = emscripten_get_now() - a.save_started_ms;
        EM_ASM({ var t = Module.motcuaStore.saveTimes || (Module.motcuaStore.saveTimes = []);
                 t.push($0); if (t.length > 500) t.shift(); }, took);
        if (a.app) a.app->persisted();
    }
    if (!ok) a.retry_write_at_ms = emscripten_get_now() + 2000;
    a.frames_to_draw = std::max(a.frames_to_draw, 2);
}
// Another tab wants the store.
EMSCRIPTEN_KEEPALIVE void motcua_on_release_requested() {
    auto& a = the_app();
    a.releasing = a.app != nullptr;
    a.frames_to_draw = 3;
}
// The take-over this tab asked for: the lock is held and the blocks are loaded.
EMSCRIPTEN_KEEPALIVE void motcua_on_store_owned(int ok) { open_store(the_app(), ok != 0); }
// Fills the database with `megabytes` of other drafts, 256 KB of random text each (the save
// benchmark's large store; attached files no longer live in the database).
EMSCRIPTEN_KEEPALIVE int motcua_bench_fill(int megabytes) {
    auto& a = the_app();
    if (!a.store) return 0;
    static int filled = 0;
    std::vector<std::uint8_t> random(192 * 1024);
    for (int i = 0; i < megabytes * 4; ++i) {
        randombytes_buf(random.data(), random.size());
        client::draft d{"bench-" + std::to_string(filled++), "bench", 1, {{"text", encoding::to_base64(random)}}, {}, 1, 1};
        if (!a.store->save_draft(d)) return 0;
    }
    return 1;
}
// A draft save as typing makes one (one letter more in a field), for the save benchmark.
// `quiet`: the same draft written through the store alone, with nothing redrawn, to tell the
// store's cost from the frames a save shows (in headless Chromium, GL is drawn on the CPU).
EMSCRIPTEN_KEEPALIVE void motcua_bench_edit(int quiet) {
    auto& a = the_app();
    if (!a.app || !a.store) return;
    a.app->field("birth_place") += "a";
    if (!quiet) {
        a.app->edited("birth_place");
        a.app->flush_draft();
        return;
    }
    client::draft d{a.app->draft_id(), a.app->procedure().code, a.app->form().version, {}, a.app->attachments(), 0,
                    std::int64_t(motcua_js_date_now())};
    d.typed["birth_place"] = a.app->field("birth_place");
    (void)a.store->save_draft(d);
}
// Stops drawing (and ticking) while the save benchmark measures the store alone.
EMSCRIPTEN_KEEPALIVE void motcua_bench_pause_drawing(int paused) { the_app().drawing_paused = paused != 0; }
// The store's integrity check (browser tests after a killed browser).
EMSCRIPTEN_KEEPALIVE const char* motcua_store_check() {
    static std::string out;
    auto& a = the_app();
    out = a.store ? a.store->integrity_check() : std::string("no store");
    return out.c_str();
}
// A file the person chose: its bytes, read only after its size was checked in JS.
EMSCRIPTEN_KEEPALIVE void motcua_on_file_picked(const char* name, const char* type, const std::uint8_t* bytes, int size) {
    if (auto& a = the_app(); a.app) a.app->add_attachment(name, type, {bytes, std::size_t(size)});
}
// A file refused by its size before it was read.
EMSCRIPTEN_KEEPALIVE void motcua_on_file_too_large() {
    if (auto& a = the_app(); a.app) a.app->attachment_refused(protocol::make_error(protocol::errors::attachment_too_large));
}
EMSCRIPTEN_KEEPALIVE void motcua_on_fetch_done(int id, int status, const char* body, const char* headers) {
    the_app().net.complete(id, status, body ? body : "", headers ? headers : "{}");
}
// The control holding the keyboard focus (tests; the screen-reader mirror follows it).
EMSCRIPTEN_KEEPALIVE const char* motcua_ui_focused_id() { return ui::focused_id().c_str(); }
// What assistive technology did on the accessibility mirror (web_a11y.js).
EMSCRIPTEN_KEEPALIVE void motcua_ui_activate(const char* id) {
    ui::assistive_activate(id);
    the_app().frames_to_draw = 3;
}
EMSCRIPTEN_KEEPALIVE void motcua_ui_set_value(const char* id, const char* value) {
    ui::assistive_set_value(id, value);
    the_app().frames_to_draw = 3;
}
EMSCRIPTEN_KEEPALIVE void motcua_ui_focus(const char* id) {
    ui::assistive_focus(id);
    the_app().frames_to_draw = 3;
}
// What a copy takes from the field being edited.
EMSCRIPTEN_KEEPALIVE const char* motcua_ui_selected_text() {
    static std::string text;
    text = ui::selected_text();
    return text.c_str();
}
// The test and accessibility interface: built only when somebody reads globalThis.motcuaUi.
// `all`: with the items scrolled out of view (the screen-reader mirror's).
EMSCRIPTEN_KEEPALIVE const char* motcua_ui_items_json(int all) {
    static std::string json;
    json = ui::current_items().to_json(all != 0);
    return json.c_str();
}
}

int main() {
    using namespace motcua;
    crypto::init();
    web_app& a = the_app();
    motcua_js_install();

    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = false;
    attrs.antialias = false;
    auto gl = emscripten_webgl_create_context("#canvas", &attrs);
    if (gl <= 0) {
        EM_ASM(document.body.classList.add('no-webgl'));
        return 1;
    }
    emscripten_webgl_make_context_current(gl);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing of a session is written outside the store
    io.BackendPlatformName = "motcua_web";
    keymap();
    ImGui_ImplOpenGL3_Init("#version 300 es");

    a.units_loaded = load_units(a.units);
    if (a.units_loaded) a.screen.units_registry = &a.units;
    for (const char* id : {"3level", "2level"})
        if (const auto* set = a.units.structure(id)) a.screen.units += set->size();
    switch (motcua_js_store_state()) {
    case 1: open_store(a, true); break;
    case 2: a.elsewhere = true; break; // the app is open in another tab
    default: open_store(a, false); break; // IndexedDB refused (private mode, quota): in memory, and said
    }
    // A `#/screen` link opens its screen (home stays beneath it).
    if (auto r = client::route_from_hash(motcua_js_initial_hash()); r && ui::find_screen(r->screen) && r->screen != "home") {
        a.nav.open_from_link(*r);
        motcua_js_push_route(client::to_hash(*r).c_str(), int(a.nav.depth()));
    }
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
