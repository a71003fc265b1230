// POST /v1/devices: a device announces its public key, signing the request with it.
#include "server/api/api.hpp"

#include "server/log/log.hpp"
#include "shared/protocol/json_codec.hpp"

namespace motcua::server {

string_response post_device(const request& req, api_context& ctx, const source_address& from) {
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    if (!has_content_type(req, "application/json"))
        return error_response(protocol::errors::content_type_unsupported, version, keep_alive);
    auto who = signed_by(req, ctx, from, /*registering=*/true);
    if (auto* refused = std::get_if<string_response>(&who)) return std::move(*refused);
    const auto& device = std::get<crypto::public_key>(who);

    auto announced = protocol::device_registration_from_json(req.body());
    if (!announced) return error_response(announced.err(), decode_refusal_status(announced.err(), 400), version, keep_alive);
    // Proof of possession: the key being registered is the one that signed the request.
    if (*announced != device) return error_response(protocol::errors::device_mismatch, version, keep_alive);

    const std::int64_t now = ctx.now();
    auto created = ctx.store.register_device(device, now);
    if (!created) {
        log::error("store_failed", {{"code", created.err().code}, {"detail", created.err().en}});
        return error_response(protocol::errors::server_error, version, keep_alive);
    }
    ctx.guard->remember_device(device);
    if (*created) log::info("device_registered");
    protocol::device_registered answer{device, now, ctx.server_key.pk};
    return json_response(*created ? http::status::created : http::status::ok, protocol::to_json(answer), version,
                         keep_alive);
}

} // namespace motcua::server
