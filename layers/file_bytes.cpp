#include "layers/file_bytes.h"

#include "geo/errors.h"

#include <fstream>
#include <sstream>

namespace ecozone::layers {

std::string read_file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    if (in) bytes << in.rdbuf();
    if (!in || in.bad()) throw make_error<IoError>("{}：无法读取", "{}: cannot be read", path);
    return bytes.str();
}

}  // namespace ecozone::layers
