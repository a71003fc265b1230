// What a frame of the citizen screen costs natively, and where: the whole frame (the birth
// registration filled in, as the frame benchmark in the browser types it), and beside it, in the
// same run, the same frames with parts left out, so each part's share is a difference of two
// figures measured minutes apart on the same machine.
//   cmake --build build/native --target bench_form_frame && build/native/tools/bench/bench_form_frame
#include "client/ui/citizen_screen.hpp"
#include "client/ui/ui_items.hpp"
#include "client/ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace motcua;

namespace {

class offline_transport final : public client::transport {
  public:
    void send(client::http_request_out, std::function<void(client::http_reply)> done) override { done({0, {}}); }
};

double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct stats {
    double p50, p95;
};
stats percentiles(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)]};
}

} // namespace

int main() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(412 * 2.625f, 915 * 2.625f);
    io.DeltaTime = 1.0f / 60;
    ImFontConfig cfg;
    cfg.SizePixels = 18 * 2.625f;
    io.Fonts->AddFontDefault(&cfg);
    unsigned char* px;
    int w, h;
    io.Fonts->GetTexDataAsAlpha8(&px, &w, &h);

    offline_transport net;
    auto store = std::move(client::local_store::open(":memory:", nullptr)).value();
    client::citizen_app app(store, net,
                            {[] { return std::int64_t(1795506600000); },
                             [](std::span<std::uint8_t> out) { std::fill(out.begin(), out.end(), 7); }});
    for (auto [k, v] : {std::pair{"requester_name", "Nguyễn Văn Đức"}, {"requester_id", "001089012345"},
                        {"child_name", "Nguyễn Thị Mai Anh"}, {"child_birth_date", "20/11/2026"},
                        {"birth_place", "Bệnh viện Phụ sản Hà Nội"}, {"mother_name", "Trần Thị Hoa"}})
        app.field(k) = v;
    ui::screen_state s;
    s.now_ms = 1795506600000;

    auto frame = [&](bool render) {
        ImGui::NewFrame();
        ui::begin_frame();
        ui::draw_citizen_screen(app, s);
        if (render) ImGui::Render();
        else ImGui::EndFrame();
    };
    const int n = 400;
    for (int i = 0; i < 50; ++i) frame(true); // warm up
    std::vector<double> whole, no_render, computed, json;
    for (int round = 0; round < 5; ++round) {
        for (int i = 0; i < n / 5; ++i) {
            double t = now_ms();
            frame(true);
            whole.push_back(now_ms() - t);
            t = now_ms();
            frame(false);
            no_render.push_back(now_ms() - t);
            t = now_ms();
            for (int k = 0; k < 2; ++k) (void)app.computed("child_birth_date_words");
            computed.push_back(now_ms() - t);
            t = now_ms();
            (void)ui::current_items().to_json(true);
            (void)ui::current_items().to_json(false);
            json.push_back(now_ms() - t);
        }
    }
    auto p = [](const char* what, const std::vector<double>& v) {
        auto st = percentiles(v);
        std::printf("%-58s p50 %.3f ms  p95 %.3f ms\n", what, st.p50, st.p95);
    };
    std::printf("citizen screen, birth registration filled in, %d frames at 412x915 DPR 2.625:\n", n);
    p("whole frame (widgets, layout, draw lists)", whole);
    p("the same frame without ImGui::Render (draw data)", no_render);
    p("two computed fields read (as the form draws them)", computed);
    p("the item list as JSON, twice (test interface + mirror)", json);
    std::printf("items per frame: %zu\n", ui::current_items().items().size());
    ImGui::DestroyContext();
}
