// The protocol version both ends speak. A client cached by a service worker may be older than
// the server: the server checks this number and answers protocol_unsupported when it cannot serve it.
#pragma once

namespace motcua::protocol {
inline constexpr int version = 1;
} // namespace motcua::protocol
