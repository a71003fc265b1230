// TLS context for the server side, through Boost.Asio's OpenSSL wrapper.
#include "server/net/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace motcua::server {

namespace ssl = boost::asio::ssl;

result<std::shared_ptr<ssl::context>> make_tls_context(const std::filesystem::path& cert_chain_pem,
                                                       const std::filesystem::path& key_pem) {
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                     ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    // Renegotiation is a denial-of-service lever and nothing here needs it.
    SSL_CTX_set_options(ctx->native_handle(), SSL_OP_NO_RENEGOTIATION);

    boost::system::error_code ec;
    ctx->use_certificate_chain_file(cert_chain_pem.string(), ec);
    if (ec)
        return error{"tls_cert_unreadable",
                     "Không đọc được chứng chỉ TLS " + cert_chain_pem.string() + ": " + ec.message(),
                     "Cannot read the TLS certificate " + cert_chain_pem.string() + ": " + ec.message()};
    ctx->use_private_key_file(key_pem.string(), ssl::context::pem, ec);
    if (ec && ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == X509_R_KEY_VALUES_MISMATCH) ec = {};
    if (ec)
        return error{"tls_key_unreadable",
                     "Không đọc được khóa TLS " + key_pem.string() + ": " + ec.message(),
                     "Cannot read the TLS private key " + key_pem.string() + ": " + ec.message()};
    if (SSL_CTX_check_private_key(ctx->native_handle()) != 1)
        return error{"tls_key_mismatch",
                     "Khóa TLS " + key_pem.string() + " không khớp với chứng chỉ " + cert_chain_pem.string() +
                         ".",
                     "The TLS key " + key_pem.string() + " does not match the certificate " +
                         cert_chain_pem.string() + "."};
    return ctx;
}

} // namespace motcua::server
