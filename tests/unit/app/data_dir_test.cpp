// The data directory is made private, and one a guessing user made first is refused.
#include "app/data_dir.hpp"

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace berth::app {
namespace {

namespace fs = std::filesystem;

class DataDir : public ::testing::Test {
  protected:
    fs::path root;
    void SetUp() override {
        root = fs::temp_directory_path() /
               ("berth-data-dir-test-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(root);
        fs::create_directories(root);
    }
    void TearDown() override { fs::remove_all(root); }

    static std::string refusal(const fs::path& dir, uid_t user) {
        try {
            prepare_data_dir(dir.string(), user);
        } catch (const std::runtime_error& e) {
            return e.what();
        }
        return "";
    }
};

TEST_F(DataDir, AMissingDirectoryIsMadeForItsUserAlone) {
    const auto dir = root / "parent" / "berth";
    EXPECT_EQ(refusal(dir, ::geteuid()), "");
    struct stat st {};
    ASSERT_EQ(::stat(dir.c_str(), &st), 0);
    EXPECT_TRUE(S_ISDIR(st.st_mode));
    EXPECT_EQ(st.st_mode & 077, 0u) << "no access for group or others";
    EXPECT_EQ(refusal(dir, ::geteuid()), "") << "and used again on the next start";
}

TEST_F(DataDir, OneOwnedByAnotherUserIsRefused) {
    const auto dir = root / "berth";
    fs::create_directories(dir);
    const uid_t other = ::geteuid() + 1000;  // the directory is ours, so not this user's
    const auto why = refusal(dir, other);
    EXPECT_NE(why.find("--data-dir " + dir.string() + ": owned by uid"), std::string::npos) << why;
    EXPECT_EQ(refusal(dir, 0), "") << "root may choose any directory";
}

TEST_F(DataDir, ASymbolicLinkOrAFileIsRefused) {
    fs::create_directories(root / "elsewhere");
    fs::create_directory_symlink(root / "elsewhere", root / "link");
    EXPECT_NE(refusal(root / "link", ::geteuid()).find("not a directory"), std::string::npos);
    {
        std::FILE* f = std::fopen((root / "file").c_str(), "w");
        std::fclose(f);
    }
    EXPECT_NE(refusal(root / "file", ::geteuid()).find("not a directory"), std::string::npos);
}

}  // namespace
}  // namespace berth::app
