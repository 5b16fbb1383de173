#include "layers/checksum.h"

#include "geo/errors.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace fs = std::filesystem;

namespace ecozone::layers {

namespace {

struct MdCtxDeleter {
    void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

struct FileCloser {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// Incremental SHA-256; `what` names the input in the (unlikely) OpenSSL failure message.
class Sha256 {
public:
    explicit Sha256(std::string what) : what_(std::move(what)), ctx_(EVP_MD_CTX_new()) {
        if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) fail();
    }
    void update(const void* data, size_t size) {
        if (EVP_DigestUpdate(ctx_.get(), data, size) != 1) fail();
    }
    std::string hex() {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        if (EVP_DigestFinal_ex(ctx_.get(), digest, &len) != 1) fail();
        static const char kHex[] = "0123456789abcdef";
        std::string out;
        out.reserve(2 * len);
        for (unsigned int i = 0; i < len; ++i) {
            out += kHex[digest[i] >> 4];
            out += kHex[digest[i] & 0x0f];
        }
        return out;
    }

private:
    [[noreturn]] void fail() const {
        throw make_error<IoError>("{}：OpenSSL 无法计算 SHA-256", "{}: OpenSSL failed to compute SHA-256", what_);
    }
    std::string what_;
    MdCtxPtr ctx_;
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

}  // namespace

std::string sha256_file(const std::string& path) {
    std::error_code ec;
    // fopen succeeds on a directory and only the read fails; say what is wrong instead.
    if (fs::is_directory(path, ec))
        throw make_error<IoError>("{}：这是一个文件夹，不是可计算校验值的文件",
                                  "{}: is a directory, not a file to hash", path);
    FilePtr file(std::fopen(path.c_str(), "rb"));
    if (!file)
        throw make_error<IoError>("{}：无法打开以计算校验值（{}）", "{}: cannot open to compute its checksum ({})",
                                  path, std::strerror(errno));
    Sha256 sha(path);
    std::vector<unsigned char> buffer(1 << 20);
    size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) sha.update(buffer.data(), n);
    if (std::ferror(file.get())) {
        throw make_error<IoError>("{}：计算校验值时读取出错（{}）", "{}: read error while computing its checksum ({})",
                                  path, std::strerror(errno));
    }
    return sha.hex();
}

std::string sha256_text(std::string_view bytes) {
    Sha256 sha("text");
    sha.update(bytes.data(), bytes.size());
    return sha.hex();
}

std::vector<std::string> dataset_files(const std::string& source) {
    if (lower(source.substr(0, 3)) == "pg:") return {};
    const fs::path p(source);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
        std::vector<std::string> files;
        for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
            if (it->is_regular_file(ec)) files.push_back(it->path().string());
        }
        std::sort(files.begin(), files.end());
        return files;
    }
    if (lower(p.extension().string()) != ".shp") return {source};

    // The parts GDAL reads to make the layer; indexes (.qix, .sbn) do not change the data.
    static const char* const kParts[] = {".shx", ".dbf", ".prj", ".cpg"};
    std::vector<std::string> files{source};
    const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
    const std::string stem = p.stem().string();
    std::vector<fs::path> siblings;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().stem().string() == stem && it->is_regular_file(ec)) siblings.push_back(it->path());
    }
    std::sort(siblings.begin(), siblings.end());
    for (const char* part : kParts) {
        for (const auto& s : siblings) {
            if (lower(s.extension().string()) == part) {
                // Keep the caller's spelling of the directory ("data/x.dbf", not "./data/x.dbf").
                files.push_back(p.has_parent_path() ? (p.parent_path() / s.filename()).string()
                                                    : s.filename().string());
            }
        }
    }
    return files;
}

}  // namespace ecozone::layers
