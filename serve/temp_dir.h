#pragma once
// A private folder for one request's upload (mode 0700, made with mkdtemp under $TMPDIR or /tmp),
// removed with everything in it when the object goes — whether the request succeeds or throws.
#include <filesystem>

namespace ecozone::serve {

class TempDir {
public:
    // Throws IoError when the folder cannot be made.
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace ecozone::serve
