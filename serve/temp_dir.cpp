#include "serve/temp_dir.h"

#include "geo/errors.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>
#include <vector>

namespace ecozone::serve {

TempDir::TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = (base && *base ? std::string(base) : std::string("/tmp")) + "/ecozone-upload-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (!::mkdtemp(buffer.data())) {
        throw make_error<IoError>("无法创建上传用的临时文件夹 {}（{}）；请检查 TMPDIR",
                                  "cannot create a temporary folder for the upload, {} ({}); check TMPDIR", pattern,
                                  std::strerror(errno));
    }
    path_ = buffer.data();
}

TempDir::~TempDir() {
    std::error_code ignored;  // a destructor must not throw; a leftover folder is only clutter
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace ecozone::serve
