#include "serve/api_error.h"

#include <nlohmann/json.hpp>

namespace ecozone::serve {

void send_error(httplib::Response& res, int status, const layers::Note& message) {
    res.status = status;
    const nlohmann::json body = {{"error", message.zh}, {"error_en", message.en}};
    // Invalid UTF-8 from a request (a name in a bad encoding) is replaced, never a throw here.
    send_json(res, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void send_json(httplib::Response& res, const std::string& body) {
    if (res.status == -1) res.status = 200;
    res.set_content(body, "application/json; charset=utf-8");
}

}  // namespace ecozone::serve
