#pragma once
// Every refusal of the API is JSON with both languages — {"error": "<中文>", "error_en": "<English>"} —
// and a 4xx status (500 only for a fault of ours), so a script and a planner read the same answer.
#include "geo/errors.h"
#include "layers/note.h"

#include <httplib.h>

namespace ecozone::serve {

// Thrown by a route to answer `status` with the message; anything else a route throws is a 400
// (an ecozone::Error about the request's data) or a 500.
class ApiError : public Error {
public:
    ApiError(int status, const layers::Note& message) : Error(message.zh, message.en), status_(status) {}
    int status() const noexcept { return status_; }

private:
    int status_;
};

// Sets the status and the JSON body of an error.
void send_error(httplib::Response& res, int status, const layers::Note& message);

// Sets a JSON body (UTF-8) with a 200 status unless one is set.
void send_json(httplib::Response& res, const std::string& body);

}  // namespace ecozone::serve
