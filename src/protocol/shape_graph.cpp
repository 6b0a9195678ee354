#include "protocol/shape_graph.hpp"

#include <algorithm>

namespace berth::protocol::detail {

bool ShapeGraph::in_enum(const ShapeDef& s, std::string_view value) const {
    const auto values = enum_values(s);
    return std::find(values.begin(), values.end(), value) != values.end();
}

const MemberDef* ShapeGraph::find_member(const ShapeDef& s, std::string_view name) const {
    const auto all = members(s);
    auto it = std::lower_bound(all.begin(), all.end(), name,
                               [](const MemberDef& m, std::string_view n) { return m.name < n; });
    return it != all.end() && it->name == name ? &*it : nullptr;
}

const OperationDef* ShapeGraph::operation(std::string_view name) const {
    const auto& ops = t_->operations;
    auto it =
        std::lower_bound(ops.begin(), ops.end(), name,
                         [](const OperationDef& o, std::string_view n) { return o.name < n; });
    return it != ops.end() && it->name == name ? &*it : nullptr;
}

}  // namespace berth::protocol::detail
