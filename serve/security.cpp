#include "serve/security.h"

#include "geo/errors.h"
#include "layers/site_input.h"

#include <arpa/inet.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <array>
#include <fstream>

namespace ecozone::serve {

bool is_loopback(const std::string& host) {
    if (host == "localhost") return true;
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) {
        if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
        return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
    }
    return false;  // a name other than localhost may resolve anywhere
}

void require_token_for_bind(const ServerOptions& options) {
    if (is_loopback(options.host) || !options.token.empty()) return;
    throw make_error<UsageError>(
        "监听 {0} 不是本机回环地址，须用 --token 或 --token-file 设置访问令牌（否则任何能连到本机的人都能读取项目数据）",
        "listening on {0}, not a loopback address, requires --token or --token-file (else anyone who can reach "
        "this machine could read the project's data)",
        options.host);
}

std::string read_token_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw make_error<IoError>("--token-file {}：无法读取", "--token-file {}: cannot be read", path);
    }
    std::string line;
    std::getline(in, line);
    std::string token = layers::site_detail::trim(line);
    if (token.empty()) {
        throw make_error<UsageError>("--token-file {}：第一行是空的；请把令牌写在第一行",
                                     "--token-file {}: the first line is empty; write the token on it", path);
    }
    return token;
}

bool same_token(std::string_view given, std::string_view expected) {
    // Hashing first gives two equal-length digests, so neither the length nor the first differing
    // byte of the token shows in the time taken.
    std::array<unsigned char, SHA256_DIGEST_LENGTH> a{}, b{};
    SHA256(reinterpret_cast<const unsigned char*>(given.data()), given.size(), a.data());
    SHA256(reinterpret_cast<const unsigned char*>(expected.data()), expected.size(), b.data());
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {

// The token a request carries, if any: "Authorization: Bearer TOKEN" or "X-Ecozone-Token: TOKEN".
std::optional<std::string> request_token(const httplib::Request& req) {
    if (req.has_header("X-Ecozone-Token")) return req.get_header_value("X-Ecozone-Token");
    const std::string auth = req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (auth.size() > kBearer.size() && auth.compare(0, kBearer.size(), kBearer) == 0) {
        return layers::site_detail::trim(std::string_view(auth).substr(kBearer.size()));
    }
    return std::nullopt;
}

}  // namespace

std::optional<Refusal> check_request(const httplib::Request& req, const std::string& token) {
    const bool api = req.path.rfind("/api/", 0) == 0;
    if (api && !token.empty()) {
        const std::optional<std::string> given = request_token(req);
        if (!given) {
            return Refusal{401, {"缺少访问令牌：请在请求头 Authorization: Bearer <令牌> 或 X-Ecozone-Token 中给出",
                                 "missing access token: send Authorization: Bearer <token> or X-Ecozone-Token"}};
        }
        if (!same_token(*given, token)) {
            return Refusal{401, {"访问令牌不正确", "wrong access token"}};
        }
    }
    if (req.method == "POST" && req.get_header_value("X-Requested-With") != "ecozone") {
        return Refusal{403, {"POST 请求须带请求头 X-Requested-With: ecozone（防止其他网页跨站提交）",
                             "a POST must carry the header X-Requested-With: ecozone (so no other web page can "
                             "post across sites)"}};
    }
    return std::nullopt;
}

}  // namespace ecozone::serve
