#include "pause_image.hpp"

#include <elf.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace berth::runtime {

namespace {

constexpr std::uint64_t k_load_address = 0x400000;

// The program: ignore SIGCHLD, then loop { wait for a signal }. As PID 1 of its container it
// ignores SIGTERM, so the runtime removes the sandbox with SIGKILL. Under pidMode `task` it is
// PID 1 of the task's PID namespace and inherits every orphaned process; with SIGCHLD ignored
// the kernel reaps them, so none stays a zombie (the agent's pause container reaps too). The
// kernel's struct sigaction {handler = SIG_IGN (1), flags, restorer, mask} is built on the
// stack for rt_sigaction(SIGCHLD, &act, NULL, 8).
std::vector<unsigned char> machine_code(std::string_view arch, std::uint16_t& machine) {
    if (arch == "x86_64" || arch == "amd64") {
        machine = EM_X86_64;
        return {
            0x6a, 0x00,                          // push 0 (sa_mask)
            0x6a, 0x00,                          // push 0 (sa_restorer)
            0x6a, 0x00,                          // push 0 (sa_flags)
            0x6a, 0x01,                          // push 1 (sa_handler = SIG_IGN)
            0xb8, 0x0d, 0x00, 0x00, 0x00,        // mov eax, 13 (rt_sigaction)
            0xbf, 0x11, 0x00, 0x00, 0x00,        // mov edi, 17 (SIGCHLD)
            0x48, 0x89, 0xe6,                    // mov rsi, rsp
            0x31, 0xd2,                          // xor edx, edx
            0x41, 0xba, 0x08, 0x00, 0x00, 0x00,  // mov r10d, 8 (sigset size)
            0x0f, 0x05,                          // syscall
            0xb8, 0x22, 0x00, 0x00, 0x00,        // mov eax, 34 (pause)
            0x0f, 0x05,                          // syscall
            0xeb, 0xf7,                          // jmp back to the mov
        };
    }
    if (arch == "aarch64" || arch == "arm64") {
        machine = EM_AARCH64;
        // aarch64 has no pause(2): ppoll(NULL, 0, NULL, NULL) waits for a signal the same way.
        const std::uint32_t words[] = {
            0xd10083ff,  // sub sp, sp, #32
            0xd2800029,  // mov x9, #1 (SIG_IGN)
            0xa9007fe9,  // stp x9, xzr, [sp] (sa_handler, sa_flags)
            0xa9017fff,  // stp xzr, xzr, [sp, #16] (sa_restorer, sa_mask)
            0xd2800220,  // mov x0, #17 (SIGCHLD)
            0x910003e1,  // mov x1, sp
            0xd2800002,  // mov x2, #0
            0xd2800103,  // mov x3, #8 (sigset size)
            0xd28010c8,  // mov x8, #134 (rt_sigaction)
            0xd4000001,  // svc #0
            0xd2800000,  // mov x0, #0
            0xd2800001,  // mov x1, #0
            0xd2800002,  // mov x2, #0
            0xd2800003,  // mov x3, #0
            0xd2800928,  // mov x8, #73 (ppoll)
            0xd4000001,  // svc #0
            0x17fffffa,  // b back to the first mov
        };
        std::vector<unsigned char> code(sizeof(words));
        std::memcpy(code.data(), words, sizeof(words));  // little-endian, as the target
        return code;
    }
    throw std::invalid_argument("no pause program for architecture " + std::string(arch));
}

void put_octal(char* field, std::size_t width, std::uint64_t value) {
    std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1),
                  static_cast<unsigned long long>(value));
}

}  // namespace

std::string pause_program(std::string_view architecture) {
    std::uint16_t machine = 0;
    auto code = machine_code(architecture, machine);
    const std::uint64_t header_size = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr);
    const std::uint64_t file_size = header_size + code.size();

    Elf64_Ehdr eh{};
    std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_ident[EI_OSABI] = ELFOSABI_SYSV;
    eh.e_type = ET_EXEC;
    eh.e_machine = machine;
    eh.e_version = EV_CURRENT;
    eh.e_entry = k_load_address + header_size;
    eh.e_phoff = sizeof(Elf64_Ehdr);
    eh.e_ehsize = sizeof(Elf64_Ehdr);
    eh.e_phentsize = sizeof(Elf64_Phdr);
    eh.e_phnum = 1;

    Elf64_Phdr ph{};
    ph.p_type = PT_LOAD;
    ph.p_flags = PF_R | PF_X;
    ph.p_offset = 0;
    ph.p_vaddr = ph.p_paddr = k_load_address;
    ph.p_filesz = ph.p_memsz = file_size;
    ph.p_align = 0x1000;

    std::string out(reinterpret_cast<const char*>(&eh), sizeof(eh));
    out.append(reinterpret_cast<const char*>(&ph), sizeof(ph));
    out.append(reinterpret_cast<const char*>(code.data()), code.size());
    return out;
}

std::string single_file_tar(std::string_view name, std::string_view contents) {
    char header[512] = {};
    std::memcpy(header, name.data(), std::min<std::size_t>(name.size(), 99));
    put_octal(header + 100, 8, 0755);              // mode
    put_octal(header + 108, 8, 0);                 // uid
    put_octal(header + 116, 8, 0);                 // gid
    put_octal(header + 124, 12, contents.size());  // size
    put_octal(header + 136, 12, 0);                // mtime
    header[156] = '0';                             // a regular file
    std::memcpy(header + 257, "ustar", 6);
    std::memcpy(header + 263, "00", 2);
    std::memset(header + 148, ' ', 8);  // the checksum counts its own field as spaces
    unsigned sum = 0;
    for (unsigned char c : header) sum += c;
    std::snprintf(header + 148, 8, "%06o", sum);

    std::string tar(header, sizeof(header));
    tar.append(contents);
    tar.append((512 - contents.size() % 512) % 512, '\0');
    tar.append(1024, '\0');  // two empty blocks end the archive
    return tar;
}

void ensure_pause_image(docker::Client& client, std::string_view architecture) {
    // The label tells Berth's own image from anything else tagged with its name.
    constexpr const char* k_label = "org.berth.pause";
    constexpr const char* k_version = "1";
    if (auto image = client.image_inspect(k_pause_image)) {
        auto it = image->labels.find(k_label);
        if (it != image->labels.end() && it->second == k_version) return;
    }
    client.image_import(single_file_tar("pause", pause_program(architecture)), k_pause_image,
                        {"CMD [\"/pause\"]", std::string("LABEL ") + k_label + "=" + k_version});
}

}  // namespace berth::runtime
