// JSON form of the per-frame item list.
#include "client/ui/ui_items.hpp"

#include <nlohmann/json.hpp>

namespace motcua::ui {

std::string ui_items::to_json(bool all) const {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& it : items_)
        if (all || it.visible) out.push_back({{"id", it.id},
                       {"label", it.label},
                       {"kind", it.kind},
                       {"value", it.value},
                       {"x", it.x},
                       {"y", it.y},
                       {"w", it.w},
                       {"h", it.h},
                       {"enabled", it.enabled},
                       {"required", it.required},
                       {"visible", it.visible}});
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ui_items& current_items() {
    static ui_items items;
    return items;
}

} // namespace motcua::ui
