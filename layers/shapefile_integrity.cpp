#include "layers/shapefile_integrity.h"

#include "geo/errors.h"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace ecozone::layers {

namespace {

std::uint32_t big_endian32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
std::uint32_t little_endian32(const unsigned char* p) {
    return (std::uint32_t{p[3]} << 24) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[1]} << 8) | p[0];
}
std::uint16_t little_endian16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }

// A sibling file with any case of the extension (.shx / .SHX).
fs::path sibling(const fs::path& shp, const char* lower_ext, const char* upper_ext) {
    fs::path p = shp;
    p.replace_extension(lower_ext);
    std::error_code ec;
    if (fs::exists(p, ec)) return p;
    p.replace_extension(upper_ext);
    return fs::exists(p, ec) ? p : fs::path();
}

bool read_header(const fs::path& path, unsigned char* buf, size_t n) {
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char*>(buf), static_cast<std::streamsize>(n));
    return static_cast<size_t>(in.gcount()) == n;
}

}  // namespace

void check_shapefile_structure(const std::string& shp_path) {
    const fs::path shp(shp_path);
    std::string ext = shp.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::error_code ec;
    if (ext != ".shp" || !fs::is_regular_file(shp, ec)) return;
    const std::string name = shp.string();

    std::array<unsigned char, 100> header{};
    const std::uintmax_t shp_size = fs::file_size(shp, ec);
    if (!read_header(shp, header.data(), header.size()) || big_endian32(header.data()) != 9994) {
        throw make_error<DataError>("{}：不是 Shapefile（缺少 100 字节的文件头，或其中没有文件代码 9994）；请重新导出",
                                    "{}: not a shapefile (the 100-byte header is missing or has no "
                                    "file code 9994); re-export it",
                                    name);
    }
    const std::uintmax_t declared = std::uintmax_t{big_endian32(header.data() + 24)} * 2;
    if (shp_size < declared) {
        throw make_error<DataError>("{}：文件被截断——只有 {} 字节，而文件头声明为 {} 字节；请重新复制或导出完整的文件",
                                    "{}: truncated — {} bytes, but its header declares {}; copy or "
                                    "re-export the complete file",
                                    name, shp_size, declared);
    }
    if (shp_size > declared) {
        throw make_error<DataError>(
            "{}：文件已损坏——有 {} 字节，而文件头声明为 {} 字节（记录超出了声明的结尾）；请从原 GIS "
            "软件重新导出",
            "{}: corrupt — {} bytes, but its header declares {} (records run "
            "past the declared end); re-export it from the source GIS",
            name, shp_size, declared);
    }

    const fs::path shx = sibling(shp, ".shx", ".SHX");
    if (shx.empty()) return;  // GDAL reports the missing index with its own fix
    const std::uintmax_t shx_size = fs::file_size(shx, ec);
    if (shx_size < 100 || (shx_size - 100) % 8 != 0) {
        throw make_error<DataError>("{}：索引文件已损坏（{} 字节不等于 100 + 8 × 记录数）；请重新导出该 Shapefile",
                                    "{}: the index is corrupt ({} bytes is not 100 + 8 × records); "
                                    "re-export the shapefile",
                                    shx.string(), shx_size);
    }
    const std::uintmax_t records = (shx_size - 100) / 8;
    // Every indexed record must lie inside the declared .shp.
    std::ifstream in(shx, std::ios::binary);
    in.seekg(100);
    std::array<unsigned char, 8> entry{};
    for (std::uintmax_t i = 0; i < records; ++i) {
        in.read(reinterpret_cast<char*>(entry.data()), 8);
        const std::uintmax_t offset = std::uintmax_t{big_endian32(entry.data())} * 2;
        const std::uintmax_t length = std::uintmax_t{big_endian32(entry.data() + 4)} * 2;
        if (offset < 100 || offset + 8 + length > declared) {
            throw make_error<DataError>(
                "{}：第 {} 条记录超出了 .shp 的结尾（{} + {} > {} 字节）；文件被截断或已损坏——请重新导出",
                "{}: record {} runs past the end of the .shp ({} + {} > {} "
                "bytes); the file is truncated or corrupt — re-export it",
                name, i + 1, offset, length + 8, declared);
        }
    }

    const fs::path dbf = sibling(shp, ".dbf", ".DBF");
    if (dbf.empty()) return;
    std::array<unsigned char, 32> dbf_header{};
    if (!read_header(dbf, dbf_header.data(), dbf_header.size())) {
        throw make_error<DataError>("{}：属性表被截断（没有 32 字节的文件头）；请重新导出该 Shapefile",
                                    "{}: the attribute table is truncated (no 32-byte header); "
                                    "re-export the shapefile",
                                    dbf.string());
    }
    const std::uintmax_t dbf_records = little_endian32(dbf_header.data() + 4);
    const std::uintmax_t header_len = little_endian16(dbf_header.data() + 8);
    const std::uintmax_t record_len = little_endian16(dbf_header.data() + 10);
    const std::uintmax_t dbf_size = fs::file_size(dbf, ec);
    if (dbf_size < header_len + dbf_records * record_len) {
        throw make_error<DataError>(
            "{}：文件被截断——只有 {} 字节，而 {} 条 {} 字节的记录需要 {} 字节；请重新导出该 Shapefile",
            "{}: truncated — {} bytes, but {} records of {} bytes need {}; "
            "re-export the shapefile",
            dbf.string(), dbf_size, dbf_records, record_len, header_len + dbf_records * record_len);
    }
    if (dbf_records != records) {
        throw make_error<DataError>(
            "{}：有 {} 个几何，而 .dbf 中有 {} 条属性记录；各部分文件不配套——请重新导出该 Shapefile",
            "{}: {} geometries but the .dbf holds {} attribute records; the "
            "parts do not belong together — re-export the shapefile",
            name, records, dbf_records);
    }
}

}  // namespace ecozone::layers
