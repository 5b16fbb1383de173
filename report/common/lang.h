#pragma once
// Planner-facing text is Chinese by default, English with --lang en.  JSON keys stay English.
// The reports' tables (report/) and the commands (cli/) pick their sentences with it.
#include "layers/note.h"

#include <string>

namespace ecozone::report {

struct Lang {
    bool en = false;
    const char* operator()(const char* zh, const char* english) const { return en ? english : zh; }
    // A note made while reading or screening a site, which carries both sentences.
    const std::string& operator()(const layers::Note& note) const { return note.in(en); }
};

inline Lang make_lang(const std::string& code) {
    return Lang{code == "en"};
}

}  // namespace ecozone::report
