#include "runtime/pause_image.hpp"

#include <elf.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <thread>

namespace berth::runtime {
namespace {

TEST(PauseImage, ProgramIsAStaticElfForEachArchitecture) {
    for (auto [arch, machine] :
         {std::pair{"x86_64", EM_X86_64}, std::pair{"aarch64", EM_AARCH64}}) {
        auto elf = pause_program(arch);
        ASSERT_GT(elf.size(), sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr));
        Elf64_Ehdr eh;
        std::memcpy(&eh, elf.data(), sizeof eh);
        EXPECT_EQ(std::memcmp(eh.e_ident, ELFMAG, SELFMAG), 0);
        EXPECT_EQ(eh.e_machine, machine) << arch;
        EXPECT_EQ(eh.e_type, ET_EXEC);
        EXPECT_EQ(eh.e_phnum, 1);
    }
    EXPECT_THROW(pause_program("s390x"), std::invalid_argument);
}

#if defined(__x86_64__)
// The program really waits: run it here, see it alive, then kill it.
TEST(PauseImage, ProgramWaitsUntilKilled) {
    char path[] = "/tmp/berth-pause-XXXXXX";
    int fd = ::mkstemp(path);
    ASSERT_GE(fd, 0);
    auto elf = pause_program("x86_64");
    ASSERT_EQ(::write(fd, elf.data(), elf.size()), static_cast<ssize_t>(elf.size()));
    ::close(fd);
    ::chmod(path, 0755);
    pid_t pid = ::fork();
    if (pid == 0) {
        ::execl(path, path, nullptr);
        ::_exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    int status = 0;
    EXPECT_EQ(::waitpid(pid, &status, WNOHANG), 0) << "exited early";
    // It ignores SIGCHLD, so that the orphans it inherits as PID 1 are reaped by the kernel.
    std::ifstream proc_status("/proc/" + std::to_string(pid) + "/status");
    std::string line, ignored;
    while (std::getline(proc_status, line)) {
        if (line.starts_with("SigIgn:")) ignored = line.substr(7);
    }
    ASSERT_FALSE(ignored.empty());
    EXPECT_NE(std::stoull(ignored, nullptr, 16) & (1ULL << (SIGCHLD - 1)), 0u) << ignored;
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status));
    ::unlink(path);
}
#endif

TEST(PauseImage, TarHoldsOneExecutableFile) {
    const std::string contents = "hello";
    auto tar = single_file_tar("pause", contents);
    ASSERT_EQ(tar.size() % 512, 0u);
    ASSERT_EQ(tar.size(), 512u + 512u + 1024u);
    EXPECT_EQ(std::string(tar.data()), "pause");
    EXPECT_EQ(std::string(tar.data() + 257, 5), "ustar");
    EXPECT_EQ(std::strtol(tar.data() + 100, nullptr, 8), 0755);
    EXPECT_EQ(std::strtol(tar.data() + 124, nullptr, 8), 5);
    EXPECT_EQ(tar.substr(512, 5), contents);
    // The checksum: the header's bytes summed with the checksum field read as spaces.
    unsigned sum = 0;
    for (int i = 0; i < 512; ++i)
        sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(tar[i]);
    EXPECT_EQ(static_cast<unsigned>(std::strtol(tar.data() + 148, nullptr, 8)), sum);
}

}  // namespace
}  // namespace berth::runtime
