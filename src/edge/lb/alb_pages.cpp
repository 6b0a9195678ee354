#include "alb_pages.hpp"

namespace berth::edge::lb {

namespace {

const char* title_of(int status) {
    switch (status) {
        case 400:
            return "400 Bad Request";
        case 404:
            return "404 Not Found";
        case 413:
            return "413 Request Entity Too Large";
        case 502:
            return "502 Bad Gateway";
        case 503:
            return "503 Service Temporarily Unavailable";
        case 504:
            return "504 Gateway Time-out";
        default:
            return "500 Internal Server Error";
    }
}

}  // namespace

LbAnswer alb_error_page(int status) {
    if (status != 400 && status != 404 && status != 413 && status != 502 && status != 503 &&
        status != 504) {
        status = 500;
    }
    std::string title = title_of(status);
    return {status, "text/html",
            "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" +
                title + "</h1></center>\r\n</body>\r\n</html>\r\n",
            ""};
}

}  // namespace berth::edge::lb
