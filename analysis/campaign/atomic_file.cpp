#include "analysis/campaign/atomic_file.h"

#include "geo/errors.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ecozone::analysis::campaign {

namespace fs = std::filesystem;

void write_file_atomic(const std::string& path, const std::string& text, bool executable) {
    std::error_code ec;
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    bool ok = false;
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << text;
        f.flush();
        ok = static_cast<bool>(f);
    }
    if (ok && executable) ok = ::chmod(tmp.c_str(), 0755) == 0;
    if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        fs::remove(tmp, ec);
        throw make_error<IoError>("{}：无法写入（{}）；请检查文件夹是否可写、磁盘是否已满", "{}: cannot be written ({}); check that the folder is writable and the disk not full", path, why);
    }
}

std::string read_text_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw make_error<IoError>("{}：无法读取", "{}: cannot be read", path);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

}  // namespace ecozone::analysis::campaign
