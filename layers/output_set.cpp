#include "layers/output_set.h"

#include "layers/redact.h"

#include "geo/errors.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace fs = std::filesystem;

namespace ecozone::layers {

namespace {

// Files SQLite (GDAL's GPKG driver) keeps beside a database while it is open or after a crash
// mid-transaction.  Their presence at commit means the file is not complete.
const char* const kTransientSuffixes[] = {"-journal", "-wal", "-shm"};

// Files a driver writes beside the one we named, which must move with it: the parts of a
// shapefile, and GDAL's PAM metadata of a raster.  Same case as the main extension, as GDAL
// itself does (x.SHP -> x.DBF).
std::vector<fs::path> companions(const fs::path& main) {
    std::string ext = main.extension().string();
    const bool upper = std::any_of(ext.begin(), ext.end(), [](unsigned char c) { return std::isupper(c); });
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    std::vector<fs::path> out;
    if (ext == ".shp") {
        for (std::string part : {".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx"}) {
            if (upper) {
                std::transform(part.begin(), part.end(), part.begin(),
                               [](unsigned char c) { return std::toupper(c); });
            }
            out.push_back(fs::path(main).replace_extension(part));
        }
    }
    out.push_back(fs::path(main.string() + ".aux.xml"));
    return out;
}

std::vector<fs::path> transient_sidecars(const fs::path& main) {
    std::vector<fs::path> out;
    for (const char* suffix : kTransientSuffixes) out.push_back(fs::path(main.string() + suffix));
    return out;
}

// Best-effort removal of a temporary file and everything a driver may have put beside it.
void remove_with_sidecars(const fs::path& temp) noexcept {
    try {
        std::error_code ec;
        fs::remove(temp, ec);
        for (const auto& p : companions(temp)) fs::remove(p, ec);
        for (const auto& p : transient_sidecars(temp)) fs::remove(p, ec);
    } catch (...) {
        // Only allocation can throw here; a leftover hidden temp file is the lesser evil
        // than terminating while unwinding another error.
    }
}

void rename_or_throw(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec) {
        throw IoError(
            fmt::format("{}: cannot move the finished output into place ({}); check that "
                        "it is not open in another program",
                        to.string(), ec.message()));
    }
}

}  // namespace

OutputSet::OutputSet(std::string out_dir) : dir_(std::move(out_dir)) {
    if (dir_.empty()) throw IoError("output directory: empty path; give a directory for the outputs");
    std::error_code ec;
    if (fs::exists(dir_, ec) && !fs::is_directory(dir_, ec)) {
        throw IoError(
            fmt::format("{}: exists but is not a directory; choose another output directory", dir_.string()));
    }
    fs::create_directories(dir_, ec);
    if (ec) {
        throw IoError(
            fmt::format("{}: cannot create the output directory ({})", dir_.string(), ec.message()));
    }
    // Fail now rather than after an hour of analysis when the first file is written.
    if (::access(dir_.c_str(), W_OK | X_OK) != 0) {
        throw IoError(fmt::format("{}: the output directory is not writable ({})", dir_.string(),
                                  std::strerror(errno)));
    }
}

OutputSet::~OutputSet() {
    if (committed_) return;
    for (const auto& e : entries_) {
        if (!e.renamed) remove_with_sidecars(e.temp);
    }
}

std::string OutputSet::final_path(const std::string& file_name) const { return (dir_ / file_name).string(); }

std::string OutputSet::temp_path(const std::string& file_name) {
    if (committed_) throw std::logic_error("OutputSet::temp_path('" + file_name + "') after commit()");
    const fs::path name(file_name);
    if (file_name.empty() || name.filename() != name || file_name == "." || file_name == "..") {
        throw std::invalid_argument("OutputSet::temp_path: '" + file_name + "' is not a plain file name");
    }
    const fs::path final_p = dir_ / name;
    for (const auto& e : entries_) {
        if (e.final_path == final_p) {
            throw std::logic_error("OutputSet::temp_path: '" + file_name + "' requested twice");
        }
    }
    // The pid keeps two concurrent runs into one directory from writing the same temp file.
    const std::string temp_name =
        "." + name.stem().string() + ".partial-" + std::to_string(::getpid()) + name.extension().string();
    Entry e{dir_ / temp_name, final_p, false};
    // A crashed run with a reused pid may have left this exact name behind.
    remove_with_sidecars(e.temp);
    entries_.push_back(e);
    return e.temp.string();
}

void OutputSet::write_text(const std::string& file_name, const std::string& text) {
    // No report may carry a connection string's password, whichever code put it there.
    const std::string contents = redact_secrets(text);
    const std::string temp = temp_path(file_name);
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
        throw IoError(fmt::format("{}: cannot create ({})", final_path(file_name), std::strerror(errno)));
    }
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();  // close() flushes; a full disk shows up only here
    if (!out) {
        throw IoError(fmt::format("{}: cannot write ({})", final_path(file_name), std::strerror(errno)));
    }
}

std::vector<std::string> OutputSet::commit() {
    if (committed_) throw std::logic_error("OutputSet::commit() called twice");
    // Check everything before renaming anything, so a missing file leaves all old outputs.
    for (const auto& e : entries_) {
        std::error_code ec;
        if (!fs::is_regular_file(e.temp, ec)) {
            throw IoError(fmt::format("{}: the output was not written (no temporary file {})",
                                      e.final_path.string(), e.temp.filename().string()));
        }
        for (const auto& side : transient_sidecars(e.temp)) {
            if (fs::exists(side, ec)) {
                throw IoError(
                    fmt::format("{}: still open or interrupted (found {}); close the "
                                "dataset before committing",
                                e.final_path.string(), side.filename().string()));
            }
        }
    }
    std::vector<std::string> done;
    for (auto& e : entries_) {
        // Companions first, the main file last: a reader that sees the new main file then
        // finds the new parts beside it.
        const auto temp_parts = companions(e.temp);
        const auto final_parts = companions(e.final_path);
        for (size_t i = 0; i < temp_parts.size(); ++i) {
            std::error_code ec;
            if (fs::exists(temp_parts[i], ec)) {
                rename_or_throw(temp_parts[i], final_parts[i]);
            } else {
                // A stale part of the previous output (an old .cpg) would be read with the new file.
                fs::remove(final_parts[i], ec);
            }
        }
        rename_or_throw(e.temp, e.final_path);
        e.renamed = true;
        done.push_back(e.final_path.string());
    }
    committed_ = true;
    return done;
}

}  // namespace ecozone::layers
