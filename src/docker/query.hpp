#pragma once
// Building Engine request targets: percent-encoding, query strings and the JSON `filters`
// parameter ({"label":["a=b"],"type":["container"]}).
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace berth::docker {

std::string url_encode(std::string_view text);

class Query {
  public:
    Query& add(std::string_view key, std::string_view value);
    Query& add_bool(std::string_view key, bool value) {
        return add(key, std::string_view(value ? "1" : "0"));
    }
    Query& add_filters(const std::map<std::string, std::vector<std::string>>& filters);

    // "" or "?a=1&b=2", ready to append to a path.
    std::string str() const { return text_.empty() ? std::string() : "?" + text_; }

  private:
    std::string text_;
};

// "/containers/" + id + suffix, with `id` (an id, name or image reference) percent-encoded.
std::string resource_path(std::string_view collection, std::string_view id,
                          std::string_view suffix = {});

}  // namespace berth::docker
