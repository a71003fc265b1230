// The server's TLS settings: TLS 1.2 and later only, a certificate chain and its key from PEM files.
#pragma once

#include "shared/core/result.hpp"

#include <boost/asio/ssl/context.hpp>

#include <filesystem>
#include <memory>

namespace motcua::server {

// Loads the chain (server certificate first, then intermediates) and the private key, and checks
// that they belong together; errors name the file, for the person starting the server.
result<std::shared_ptr<boost::asio::ssl::context>>
make_tls_context(const std::filesystem::path& cert_chain_pem, const std::filesystem::path& key_pem);

} // namespace motcua::server
