#pragma once
// The error hierarchy of ecozone.  Library code throws these; only cli/app.cpp turns them
// into exit codes and hints.  Each message is one line naming the file / feature and the fix.
//
// A planner reads the message in Chinese (the terminal's default), a script, a log or a library
// user in English, so every error carries both: what() is the English (what tests and logs
// match), text(false) the Chinese.  File names, field names, ids and numbers are the same in both.
#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace ecozone {

// Base of every error ecozone raises on purpose.
class Error : public std::runtime_error {
public:
    // A message in both languages.
    Error(std::string zh, std::string en) : std::runtime_error(en), zh_(std::move(zh)), en_(std::move(en)) {}
    // A message that reads the same in both (or is not translated yet).
    explicit Error(const std::string& text) : Error(text, text) {}
    explicit Error(const char* text) : Error(std::string(text)) {}

    // The message in English (`en`) or in Chinese.
    const std::string& text(bool en) const { return en ? en_ : zh_; }

private:
    std::string zh_, en_;
};

// An error from two format strings filled with the same arguments, so that names and numbers
// read the same in both languages:
//   throw make_error<DataError>("{}：第 {} 行缺少坐标", "{}: line {} has no coordinates", path, n);
template <typename E, typename... Args>
E make_error(fmt::format_string<Args...> zh, fmt::format_string<Args...> en, Args&&... args) {
    return E(fmt::vformat(zh, fmt::make_format_args(args...)), fmt::vformat(en, fmt::make_format_args(args...)));
}

// The command line itself is wrong (unknown option, missing argument).  Exit code 2.
class UsageError : public Error {
public:
    using Error::Error;
};

// Input data is unusable: missing field, empty layer, truncated file, unknown code.
class DataError : public Error {
public:
    using Error::Error;
};

// Coordinate reference problems: missing .prj, unknown EPSG, mixed CRS, absurd coordinates.
class CrsError : public DataError {
public:
    using DataError::DataError;
};

// A file cannot be opened, read or written.
class IoError : public Error {
public:
    using Error::Error;
};

// A geometry library reported failure (GEOS exception, predicate returning 2, PROJ failure).
class GeometryError : public Error {
public:
    using Error::Error;
};

}  // namespace ecozone
