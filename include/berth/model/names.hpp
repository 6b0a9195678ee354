#pragma once
// One name table per enum with API names: `to_string` and `parse` read the same table, so a
// name is spelled once. An enum E declares its table as
//     template <> inline constexpr NameTable<E, N> k_names<E>{{{E::a, "A"}, ...}};
// next to its definition; `to_string(E)` and `parse<E>(text)` then work for it.
#include <array>
#include <cstddef>
#include <optional>
#include <type_traits>
#include <string_view>
#include <utility>

namespace berth::model {

template <class E, std::size_t N>
struct NameTable {
    std::array<std::pair<E, std::string_view>, N> entries;

    constexpr std::string_view name(E value) const {
        for (const auto& [v, n] : entries) {
            if (v == value) return n;
        }
        return {};
    }
    constexpr std::optional<E> parse(std::string_view text) const {
        for (const auto& [v, n] : entries) {
            if (n == text) return v;
        }
        return std::nullopt;
    }
    constexpr std::size_t size() const { return N; }
};

// Specialised next to each enum; the primary template is never used.
template <class E>
inline constexpr int k_names = 0;

template <class E>
concept Named = !std::is_same_v<std::remove_cvref_t<decltype(k_names<E>)>, int>;

template <Named E>
constexpr std::string_view to_string(E value) {
    return k_names<E>.name(value);
}

// The enum whose API name is `text`, exactly as spelled (ECS names are case-sensitive).
template <Named E>
constexpr std::optional<E> parse(std::string_view text) {
    return k_names<E>.parse(text);
}

// Every value of E, in table order (for tests that walk a table).
template <Named E>
constexpr auto all_values() {
    std::array<E, k_names<E>.size()> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = k_names<E>.entries[i].first;
    return out;
}

}  // namespace berth::model
