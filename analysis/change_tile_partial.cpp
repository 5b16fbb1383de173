#include "analysis/change_tile_partial.h"

#include "geo/errors.h"

#include <cstring>
#include <fstream>
#include <type_traits>

namespace ecozone::analysis {

namespace {

constexpr char kMagic[8] = {'E', 'C', 'O', 'T', 'I', 'L', 'E', '1'};
constexpr char kEnd[4] = {'E', 'N', 'D', '!'};  // last bytes: a file cut short is recognised

class Writer {
public:
    explicit Writer(const std::string& path) : path_(path), out_(path, std::ios::binary | std::ios::trunc) {
        if (!out_) fail();
    }
    template <typename T>
    void put(T v) {
        static_assert(std::is_trivially_copyable_v<T>);
        bytes(&v, sizeof v);
    }
    void put(const std::string& s) {
        put(static_cast<std::uint32_t>(s.size()));
        bytes(s.data(), s.size());
    }
    void bytes(const void* p, size_t n) {
        out_.write(static_cast<const char*>(p), static_cast<std::streamsize>(n));
        if (!out_) fail();
    }
    void close() {
        out_.close();
        if (!out_) fail();
    }

private:
    [[noreturn]] void fail() const {
        throw make_error<IoError>("{}：无法写入分块结果（磁盘已满或无写权限？）",
                                  "{}: cannot write the tile result (disk full or no permission?)", path_);
    }
    std::string path_;
    std::ofstream out_;
};

class Reader {
public:
    explicit Reader(const std::string& path) : path_(path), in_(path, std::ios::binary) {
        if (!in_) {
            throw make_error<IoError>("{}：无法打开分块结果", "{}: cannot open the tile result", path_);
        }
    }
    template <typename T>
    T get() {
        static_assert(std::is_trivially_copyable_v<T>);
        T v;
        bytes(&v, sizeof v);
        return v;
    }
    std::string get_string() {
        const auto n = get<std::uint32_t>();
        if (n > (1u << 24)) bad("string too long");
        std::string s(n, '\0');
        bytes(s.data(), n);
        return s;
    }
    void bytes(void* p, size_t n) {
        in_.read(static_cast<char*>(p), static_cast<std::streamsize>(n));
        if (static_cast<size_t>(in_.gcount()) != n) bad("cut short");
    }
    [[noreturn]] void bad(const char* why) const {
        throw make_error<DataError>("{}：不是完整的 ecozone 分块结果（{}）；请重新运行该分块任务",
                                    "{}: not a complete ecozone tile result ({}); run that tile's task again", path_,
                                    why);
    }

private:
    std::string path_;
    std::ifstream in_;
};

// A cell as 23 packed bytes: the struct's padding never reaches the file.
constexpr size_t kCellBytes = 5 * sizeof(std::int32_t) + 3;

}  // namespace

void write_tile_partial(const std::string& path, const TilePartial& p) {
    Writer w(path);
    w.bytes(kMagic, sizeof kMagic);
    w.put(p.fingerprint);
    const LabelledWindow& l = p.labels;
    for (int v : {p.tile, p.grid_cols, p.grid_rows, l.window.row0, l.window.row1, l.window.col0, l.window.col1})
        w.put(static_cast<std::int32_t>(v));
    w.put(static_cast<std::int64_t>(l.changed_raw));
    w.put(static_cast<std::int64_t>(l.changed_after_filter));
    w.put(static_cast<std::uint32_t>(l.names.size()));
    for (const auto& n : l.names) w.put(n);
    const auto& parents = l.uf.parents();
    w.put(static_cast<std::uint64_t>(parents.size()));
    w.bytes(parents.data(), parents.size() * sizeof(std::int32_t));
    w.put(static_cast<std::uint64_t>(l.cells.size()));
    std::vector<char> buf;
    constexpr size_t kChunk = 1 << 16;
    buf.reserve(kChunk * kCellBytes);
    for (size_t i = 0; i < l.cells.size(); ++i) {
        const Cell& c = l.cells[i];
        const std::int32_t ints[5] = {c.row, c.col, c.before, c.after, c.label};
        const std::uint8_t flags[3] = {c.act, c.core, c.shift};
        const size_t at = buf.size();
        buf.resize(at + kCellBytes);
        std::memcpy(buf.data() + at, ints, sizeof ints);
        std::memcpy(buf.data() + at + sizeof ints, flags, sizeof flags);
        if (buf.size() >= kChunk * kCellBytes || i + 1 == l.cells.size()) {
            w.bytes(buf.data(), buf.size());
            buf.clear();
        }
    }
    w.bytes(kEnd, sizeof kEnd);
    w.close();
}

TilePartial read_tile_partial(const std::string& path) {
    Reader r(path);
    char magic[sizeof kMagic];
    r.bytes(magic, sizeof magic);
    if (std::memcmp(magic, kMagic, sizeof magic) != 0) r.bad("wrong header");
    TilePartial p;
    p.fingerprint = r.get_string();
    LabelledWindow& l = p.labels;
    p.tile = r.get<std::int32_t>();
    p.grid_cols = r.get<std::int32_t>();
    p.grid_rows = r.get<std::int32_t>();
    l.window.row0 = r.get<std::int32_t>();
    l.window.row1 = r.get<std::int32_t>();
    l.window.col0 = r.get<std::int32_t>();
    l.window.col1 = r.get<std::int32_t>();
    l.changed_raw = r.get<std::int64_t>();
    l.changed_after_filter = r.get<std::int64_t>();
    const auto names = r.get<std::uint32_t>();
    if (names > 255) r.bad("too many activity names");
    for (std::uint32_t i = 0; i < names; ++i) l.names.push_back(r.get_string());
    const auto n_parents = r.get<std::uint64_t>();
    if (n_parents > (1ull << 31)) r.bad("too many labels");
    std::vector<std::int32_t> parents(n_parents);
    r.bytes(parents.data(), parents.size() * sizeof(std::int32_t));
    for (std::int32_t x : parents) {
        if (x < 0 || static_cast<std::uint64_t>(x) >= n_parents) r.bad("label out of range");
    }
    l.uf = UnionFind(std::move(parents));
    const auto n_cells = r.get<std::uint64_t>();
    if (n_cells > static_cast<std::uint64_t>(l.window.pixels())) r.bad("more changed pixels than the tile has");
    l.cells.resize(n_cells);
    char one[kCellBytes];
    for (Cell& c : l.cells) {
        r.bytes(one, sizeof one);
        std::int32_t ints[5];
        std::memcpy(ints, one, sizeof ints);
        c = Cell{ints[0], ints[1], ints[2], ints[3], ints[4], static_cast<std::uint8_t>(one[20]),
                 static_cast<std::uint8_t>(one[21]), static_cast<std::uint8_t>(one[22])};
        if (c.label < 0 || static_cast<std::uint64_t>(c.label) >= n_parents || c.row < l.window.row0 ||
            c.row >= l.window.row1 || c.col < l.window.col0 || c.col >= l.window.col1) {
            r.bad("pixel outside its tile");
        }
    }
    char end[sizeof kEnd];
    r.bytes(end, sizeof end);
    if (std::memcmp(end, kEnd, sizeof end) != 0) r.bad("no end mark");
    return p;
}

}  // namespace ecozone::analysis
