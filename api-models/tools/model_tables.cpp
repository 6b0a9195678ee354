// Build-time generator: compiles each embedded AWS model into C++ tables and writes the
// coverage list.
//
//   model_tables SOURCE_ROOT OUT_CPP OUT_COVERAGE_MD (MODEL_JSON OPERATION_LIST)...
//
// OPERATION_LIST is the service's operations.def (one `BERTH_OPERATION(Name, handler)` a line),
// the same file its operation table includes. Only those operations' shapes, and the shapes
// they reach, go into OUT_CPP: a binary that parses no JSON at start and maps only the tables
// it uses. OUT_COVERAGE_MD lists every operation of every model as implemented or not.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/model_compiler.hpp"

namespace {

using namespace berth::protocol::detail;
namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::set<std::string> read_operation_list(const fs::path& path) {
    static const std::regex row(R"(^BERTH_OPERATION\((\w+),\s*\w+\))");
    std::set<std::string> names;
    std::istringstream lines(read_text(path));
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_search(line, m, row) && !names.insert(m[1]).second) {
            throw std::runtime_error(path.string() + " lists " + m[1].str() + " twice");
        }
    }
    return names;
}

std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string number(const std::optional<double>& n) {
    if (!n) return "std::nullopt";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", *n);
    return buf;
}

std::string id(ShapeId id) {
    return id == k_no_shape ? "N" : std::to_string(id);
}

std::string range(const Range& r) {
    return "{" + std::to_string(r.first) + ", " + std::to_string(r.count) + "}";
}

// Writes one model's tables as constexpr arrays named k_*_<index>.
void write_tables(std::ostream& out, const CompiledModel& m, std::size_t index) {
    const auto suffix = "_" + std::to_string(index);
    out << "constexpr std::array<ShapeDef, " << m.shapes.size() << "> k_shapes" << suffix << "{{\n";
    for (const auto& s : m.shapes) {
        out << "    {" << quoted(s.name) << ", K::" << enumerator_name(s.kind) << ", "
            << number(s.min) << ", " << number(s.max) << ", " << range(s.members) << ", "
            << range(s.required) << ", " << range(s.enums) << ", " << quoted(s.enum_display) << ", "
            << id(s.member) << ", " << id(s.key) << ", " << id(s.value) << "},\n";
    }
    out << "}};\nconstexpr std::array<MemberDef, " << m.members.size() << "> k_members" << suffix
        << "{{\n";
    for (const auto& mem : m.members)
        out << "    {" << quoted(mem.name) << ", " << mem.shape << "},\n";
    out << "}};\nconstexpr std::array<std::uint32_t, " << m.required.size() << "> k_required"
        << suffix << "{";
    for (auto r : m.required) out << r << ", ";
    out << "};\nconstexpr std::array<std::string_view, " << m.enum_values.size() << "> k_enums"
        << suffix << "{{\n";
    for (const auto& e : m.enum_values) out << "    " << quoted(e) << ",\n";
    out << "}};\nconstexpr std::array<OperationDef, " << m.operations.size() << "> k_operations"
        << suffix << "{{\n";
    for (const auto& op : m.operations) {
        out << "    {" << quoted(op.name) << ", " << (op.embedded ? "true" : "false") << ", "
            << id(op.input) << ", " << id(op.output) << ", " << quoted(op.result_wrapper)
            << "},\n";
    }
    out << "}};\n\n";
}

void write_coverage(std::ostream& out, const CompiledModel& m, const std::string& model_file,
                    const std::string& list_file) {
    std::size_t implemented = 0;
    for (const auto& op : m.operations) implemented += op.embedded ? 1 : 0;
    out << "\n## " << m.tables.service_id << " (`" << model_file << "`)\n\n"
        << implemented << " of " << m.operations.size() << " operations implemented; the list is `"
        << list_file << "`.\n\n"
        << "| Operation | Implemented |\n|---|---|\n";
    for (const auto& op : m.operations) {
        out << "| " << op.name << " | " << (op.embedded ? "yes" : "no") << " |\n";
    }
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 6 || (argc - 4) % 2 != 0) {
        std::cerr
            << "usage: model_tables SOURCE_ROOT OUT_CPP OUT_MD (MODEL_JSON OPERATION_LIST)...\n";
        return 2;
    }
    try {
        const fs::path root = argv[1];
        std::ostringstream cpp;
        std::ostringstream md;
        std::vector<std::unique_ptr<const CompiledModel>> models;
        cpp << "// Generated by api-models/tools/model_tables.cpp; do not edit.\n"
            << "#include <array>\n\n#include \"protocol/shape_graph.hpp\"\n\n"
            << "namespace berth::protocol::detail {\nnamespace {\n\n"
            << "using K = ShapeKind;\nconstexpr ShapeId N = k_no_shape;\n\n";
        md << "# Coverage of the AWS APIs\n\nGenerated at build time from the models in "
              "`api-models/` and each service's operation list; do not edit. After adding an "
              "operation, regenerate with `cmake --build build --target coverage_doc`.\n";
        for (int i = 4; i < argc; i += 2) {
            const fs::path model_path = argv[i];
            const fs::path list_path = argv[i + 1];
            auto name = model_path.filename().string();
            name = name.substr(0, name.find(".service.json"));
            auto model = compile_model(name, nlohmann::json::parse(read_text(model_path)),
                                       read_operation_list(list_path));
            write_tables(cpp, *model, models.size());
            write_coverage(md, *model, fs::relative(model_path, root).string(),
                           fs::relative(list_path, root).string());
            models.push_back(std::move(model));
        }
        cpp << "constexpr std::array<ModelTables, " << models.size() << "> k_models{{\n";
        for (std::size_t i = 0; i < models.size(); ++i) {
            const auto& t = models[i]->tables;
            const auto s = std::to_string(i);
            cpp << "    {" << quoted(t.name) << ", " << quoted(t.target_prefix) << ", "
                << quoted(t.service_id) << ", " << quoted(t.endpoint_prefix) << ", k_shapes_" << s
                << ", k_members_" << s << ", k_required_" << s << ", k_enums_" << s
                << ", k_operations_" << s << ", " << quoted(t.protocol) << ", "
                << quoted(t.api_version) << ", " << quoted(t.xml_namespace) << "},\n";
        }
        cpp << "}};\n\n}  // namespace\n\nstd::span<const ModelTables> embedded_model_tables() {\n"
            << "    return k_models;\n}\n\n}  // namespace berth::protocol::detail\n";
        write_text(argv[2], cpp.str());
        write_text(argv[3], md.str());
    } catch (const std::exception& e) {
        std::cerr << "model_tables: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
