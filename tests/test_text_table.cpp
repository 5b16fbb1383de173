// Terminal tables with Chinese names: widths in display columns, checked against hand counts.
#include "cli/text_table.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace ecozone::cli;

TEST_CASE("display width counts CJK characters as two columns", "[text_table]") {
    CHECK(display_width("") == 0);
    CHECK(display_width("GK-09") == 5);
    CHECK(display_width("禁止") == 4);
    CHECK(display_width("红寺堡区100MW复合光伏电站项目") == 12 * 2 + 5);
    CHECK(display_width("（五）说明") == 10);  // full-width brackets are wide too
    CHECK(display_width("hm²") == 3);          // superscript two is narrow
    CHECK(display_width("e\xCC\x81") == 1);    // e + combining acute
    CHECK(display_width("\xE7\xBA") == 2);     // a truncated sequence: one column per byte
}

TEST_CASE("a text table lines up columns of mixed Chinese and ASCII text", "[text_table]") {
    TextTable table({"编号", "名称", "面积"},
                    {TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Right});
    table.add_row({"0", "红寺堡区100MW复合光伏电站项目", "12.5"});
    table.add_row({"10", "采石场", "3.25"});
    std::ostringstream out;
    table.print(out, "  ");
    CHECK(out.str() ==
          "  编号  名称                           面积\n"
          "  0     红寺堡区100MW复合光伏电站项目  12.5\n"
          "  10    采石场                         3.25\n");
}
