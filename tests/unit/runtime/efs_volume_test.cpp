// EFS directories must stay inside their file system even when a task planted a symlink there.
#include "runtime/efs_volume.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace berth::runtime {
namespace {

namespace fs = std::filesystem;

class EfsDirectories : public ::testing::Test {
  protected:
    fs::path efs =
        fs::temp_directory_path() /
        ("berth-efs-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::string fs_dir = (efs / "fs-0123abcd").string();

    void SetUp() override { fs::create_directories(fs_dir + "/data"); }
    void TearDown() override { fs::remove_all(efs); }
};

TEST_F(EfsDirectories, AFolderOfTheFileSystemIsInside) {
    EXPECT_TRUE(resolves_inside_file_system(fs_dir, efs.string()));
    EXPECT_TRUE(resolves_inside_file_system(fs_dir + "/data", efs.string()));
}

TEST_F(EfsDirectories, ASymlinkOutOfTheFileSystemIsNot) {
    fs::create_directory_symlink("/", fs_dir + "/escape");
    EXPECT_FALSE(resolves_inside_file_system(fs_dir + "/escape", efs.string()));
    // Into another file system of the same directory is out too.
    fs::create_directories(efs / "fs-99999999");
    fs::create_directory_symlink(efs / "fs-99999999", fs_dir + "/other");
    EXPECT_FALSE(resolves_inside_file_system(fs_dir + "/other", efs.string()));
    // A link that stays inside is fine.
    fs::create_directory_symlink(fs_dir + "/data", fs_dir + "/alias");
    EXPECT_TRUE(resolves_inside_file_system(fs_dir + "/alias", efs.string()));
}

TEST_F(EfsDirectories, APathNotUnderTheDataDirectoryIsNot) {
    EXPECT_FALSE(resolves_inside_file_system("/etc", efs.string()));
    EXPECT_FALSE(resolves_inside_file_system(fs_dir, ""));
}

}  // namespace
}  // namespace berth::runtime
