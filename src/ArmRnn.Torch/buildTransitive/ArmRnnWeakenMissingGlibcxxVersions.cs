// The source of an MSBuild inline task (RoslynCodeTaskFactory, Type="Class") shipped in the ArmRnn.Torch package:
// buildTransitive/ArmRnn.Torch.targets compiles it at build time. It is plain C# that the task factory's compiler
// accepts for netstandard2.0, with no dependency beyond MSBuild's own assemblies.
//
// What it does: TorchSharp 0.107.0's native library libLibTorchSharp.so declares that it needs GLIBCXX_3.4.32 from
// libstdc++.so.6 (GCC 13), which older distributions (Debian 12, Ubuntu 22.04) do not have, so the loader refuses it.
// The only symbol bound to that version is std::ios_base_library_init() and no relocation refers to it, so marking
// that version requirement weak (VER_FLG_WEAK in its Vernaux entry) lets the loader accept the library. This task
// does exactly that, on the copy in the output or publish folder (never the NuGet cache), only for versions the
// host's libstdc++ lacks, and only when nothing but the allowed symbols depends on them.
#nullable disable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ArmRnn.Torch.Build
{
    /// <summary>
    /// Sets VER_FLG_WEAK on the Vernaux entries of a shared library's <c>.gnu.version_r</c> section that name
    /// GLIBCXX versions the host's libstdc++ lacks, after checking that only allowed symbols are bound to them and
    /// that no relocation refers to those symbols.
    /// </summary>
    public sealed class ArmRnnWeakenMissingGlibcxxVersions : Microsoft.Build.Utilities.Task
    {
        /// <summary>The ELF flag that makes a version requirement optional for the dynamic loader.</summary>
        public const ushort VerFlagWeak = 0x2;

        /// <summary>The shared libraries to patch in place (copies in an output folder).</summary>
        [Required]
        public ITaskItem[] Files { get; set; }

        /// <summary>
        /// <c>auto</c> (default): weaken the libstdc++ versions the host's libstdc++.so.6 does not define;
        /// <c>always</c>: weaken the versions in <see cref="AlwaysVersions"/> whatever the host has (for builds whose
        /// output runs on another, older distribution); <c>never</c>: do nothing.
        /// </summary>
        public string Mode { get; set; }

        /// <summary>Semicolon-separated versions weakened in <c>always</c> mode (default GLIBCXX_3.4.32).</summary>
        public string AlwaysVersions { get; set; }

        /// <summary>Semicolon-separated dynamic symbols that may be bound to a weakened version
        /// (default <c>_ZSt21ios_base_library_initv</c>, std::ios_base_library_init()).</summary>
        public string AllowedSymbols { get; set; }

        /// <summary>The host's libstdc++.so.6 to compare against; found like the dynamic loader does when empty.</summary>
        public string HostLibrary { get; set; }

        /// <summary>The files that were changed.</summary>
        [Output]
        public ITaskItem[] PatchedFiles { get; set; }

        /// <inheritdoc />
        public override bool Execute()
        {
            var mode = string.IsNullOrWhiteSpace(Mode) ? "auto" : Mode.Trim().ToLowerInvariant();
            var patched = new List<ITaskItem>();
            PatchedFiles = patched.ToArray();
            if (mode == "never" || mode == "false")
            {
                return true;
            }

            if (mode != "auto" && mode != "always" && mode != "true")
            {
                Log.LogWarning("ArmRnn.Torch: ArmRnnTorchWeakenGlibcxx is '{0}'; use auto, always or never. Nothing was patched.", Mode);
                return true;
            }

            var allowed = Split(string.IsNullOrWhiteSpace(AllowedSymbols) ? "_ZSt21ios_base_library_initv" : AllowedSymbols);
            HashSet<string> hostVersions = null;
            string hostPath = null;
            if (mode == "auto")
            {
                hostPath = string.IsNullOrWhiteSpace(HostLibrary) ? FindHostLibstdcxx() : HostLibrary;
                if (hostPath == null)
                {
                    Log.LogMessage(MessageImportance.Normal, "ArmRnn.Torch: no libstdc++.so.6 found on this host; libLibTorchSharp.so is left as it is.");
                    return true;
                }

                try
                {
                    hostVersions = new HashSet<string>(Elf.Parse(File.ReadAllBytes(hostPath)).DefinedVersions(), StringComparer.Ordinal);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidDataException)
                {
                    Log.LogWarning("ArmRnn.Torch: could not read the host's libstdc++ ({0}): {1}. libLibTorchSharp.so is left as it is.", hostPath, ex.Message);
                    return true;
                }
            }

            var alwaysVersions = Split(string.IsNullOrWhiteSpace(AlwaysVersions) ? "GLIBCXX_3.4.32" : AlwaysVersions);
            foreach (var item in Files ?? new ITaskItem[0])
            {
                var path = item.GetMetadata("FullPath");
                if (!File.Exists(path))
                {
                    continue;
                }

                var outcome = Weaken(path, hostVersions, alwaysVersions, allowed);
                if (outcome.Refusal != null)
                {
                    Log.LogWarning("ArmRnn.Torch: {0}", outcome.Refusal);
                }
                else if (outcome.Changed.Count > 0)
                {
                    Log.LogMessage(
                        MessageImportance.High,
                        "ArmRnn.Torch: marked {0} weak in {1} ({2}), so that TorchSharp loads here; see docs/torch.md.",
                        string.Join(", ", outcome.Changed),
                        path,
                        hostPath == null ? "ArmRnnTorchWeakenGlibcxx=always" : "the host's " + hostPath + " lacks it");
                    patched.Add(new TaskItem(path));
                }
                else
                {
                    Log.LogMessage(MessageImportance.Low, "ArmRnn.Torch: {0} needs nothing ({1}).", path, outcome.Note);
                }
            }

            PatchedFiles = patched.ToArray();
            return !Log.HasLoggedErrors;
        }

        /// <summary>
        /// Weakens, in the file at <paramref name="path"/>, the libstdc++ version requirements that
        /// <paramref name="hostVersions"/> lacks (or, when it is null, those named in <paramref name="alwaysVersions"/>).
        /// The file is replaced by a patched copy (a new inode, so hard or symbolic links to a package cache are not
        /// followed) that keeps the original's timestamps, so incremental copies see it as up to date.
        /// </summary>
        /// <returns>What was changed, or why nothing was.</returns>
        public static Outcome Weaken(string path, ICollection<string> hostVersions, ICollection<string> alwaysVersions, ICollection<string> allowedSymbols)
        {
            var bytes = File.ReadAllBytes(path);
            Elf elf;
            try
            {
                elf = Elf.Parse(bytes);
            }
            catch (InvalidDataException ex)
            {
                return Outcome.Refuse(path + " is not a 64-bit little-endian ELF file this task understands: " + ex.Message);
            }

            var plan = Plan(elf, hostVersions, alwaysVersions, allowedSymbols);
            if (plan.Refusal != null || plan.Offsets.Count == 0)
            {
                return plan.Refusal != null ? Outcome.Refuse(path + ": " + plan.Refusal) : Outcome.Nothing(plan.Note);
            }

            var original = new FileInfo(path);
            var temp = Path.Combine(original.DirectoryName, "." + original.Name + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                File.Copy(path, temp);
                using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    foreach (var offset in plan.Offsets)
                    {
                        var flags = (ushort)(bytes[offset] | (bytes[offset + 1] << 8) | VerFlagWeak);
                        stream.Position = offset;
                        stream.WriteByte((byte)(flags & 0xff));
                        stream.WriteByte((byte)(flags >> 8));
                    }

                    stream.Flush(true);
                }

                File.SetLastWriteTimeUtc(temp, original.LastWriteTimeUtc);
                // A rename: the destination name now refers to the new file; whatever it linked to is untouched.
                File.Replace(temp, path, null);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }

            return Outcome.Patched(plan.Versions);
        }

        /// <summary>Decides which Vernaux flag fields to change, without changing anything.</summary>
        public static PatchPlan Plan(Elf elf, ICollection<string> hostVersions, ICollection<string> alwaysVersions, ICollection<string> allowedSymbols)
        {
            var plan = new PatchPlan();
            var needs = elf.VersionNeeds().Where(n => n.File.StartsWith("libstdc++.so", StringComparison.Ordinal)).ToList();
            if (needs.Count == 0)
            {
                plan.Note = "it needs no libstdc++ versions";
                return plan;
            }

            var candidates = needs
                .Where(n => hostVersions != null ? !hostVersions.Contains(n.Name) : alwaysVersions.Contains(n.Name))
                .ToList();
            if (candidates.Count == 0)
            {
                plan.Note = "the host's libstdc++ has every version it needs";
                return plan;
            }

            var symbols = elf.DynamicSymbols();
            var relocated = new HashSet<int>(elf.RelocatedSymbolIndices());
            var problems = new List<string>();
            foreach (var need in candidates)
            {
                var bound = symbols.Where(s => s.VersionIndex == need.Index).ToList();
                var disallowed = bound.Where(s => !allowedSymbols.Contains(s.Name)).Select(s => s.Name + (s.IsDefined ? " (defined)" : " (undefined)")).ToList();
                var withRelocations = bound.Where(s => relocated.Contains(s.Index)).Select(s => s.Name).ToList();
                if (disallowed.Count > 0)
                {
                    problems.Add(need.Name + " is also needed by " + string.Join(", ", disallowed));
                }

                if (withRelocations.Count > 0)
                {
                    problems.Add("relocations refer to " + string.Join(", ", withRelocations) + " (bound to " + need.Name + ")");
                }
            }

            if (problems.Count > 0)
            {
                plan.Refusal = "not patched, because making the missing libstdc++ versions optional would not be safe: "
                    + string.Join("; ", problems)
                    + ". TorchSharp's native library will not load with this libstdc++; install a newer libstdc++6 (GCC 13 or later).";
                return plan;
            }

            foreach (var need in candidates)
            {
                if ((need.Flags & VerFlagWeak) != 0)
                {
                    continue;
                }

                plan.Offsets.Add(need.FlagsOffset);
                plan.Versions.Add(need.Name);
            }

            plan.Note = plan.Offsets.Count == 0 ? "already patched: " + string.Join(", ", candidates.Select(c => c.Name)) + " are weak" : null;
            return plan;
        }

        /// <summary>
        /// Finds libstdc++.so.6 as the dynamic loader would for a process on this machine: the folders of
        /// LD_LIBRARY_PATH, then the loader cache (<c>ldconfig -p</c>), then the default folders.
        /// </summary>
        public static string FindHostLibstdcxx()
        {
            const string Name = "libstdc++.so.6";
            var fromEnvironment = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            if (!string.IsNullOrEmpty(fromEnvironment))
            {
                foreach (var folder in fromEnvironment.Split(':'))
                {
                    if (folder.Length > 0 && File.Exists(Path.Combine(folder, Name)))
                    {
                        return Path.Combine(folder, Name);
                    }
                }
            }

            foreach (var ldconfig in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "/usr/bin/ldconfig" })
            {
                if (!File.Exists(ldconfig))
                {
                    continue;
                }

                try
                {
                    var start = new ProcessStartInfo(ldconfig, "-p") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                    using (var process = Process.Start(start))
                    {
                        var output = process.StandardOutput.ReadToEnd();
                        process.WaitForExit();
                        foreach (var line in output.Split('\n'))
                        {
                            var trimmed = line.Trim();
                            var arrow = trimmed.IndexOf("=>", StringComparison.Ordinal);
                            if (trimmed.StartsWith(Name + " ", StringComparison.Ordinal) && arrow > 0 && trimmed.Contains("x86-64"))
                            {
                                var candidate = trimmed.Substring(arrow + 2).Trim();
                                if (File.Exists(candidate))
                                {
                                    return candidate;
                                }
                            }
                        }
                    }
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    // No usable ldconfig: fall through to the default folders.
                }

                break;
            }

            foreach (var folder in new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib" })
            {
                if (File.Exists(Path.Combine(folder, Name)))
                {
                    return Path.Combine(folder, Name);
                }
            }

            return null;
        }

        private static HashSet<string> Split(string list) =>
            new HashSet<string>(list.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0), StringComparer.Ordinal);

        /// <summary>The result of <see cref="Weaken"/>.</summary>
        public sealed class Outcome
        {
            /// <summary>The versions made weak (empty when nothing changed).</summary>
            public List<string> Changed { get; private set; }

            /// <summary>Why the file was not patched although it needed it (a warning), or null.</summary>
            public string Refusal { get; private set; }

            /// <summary>Why nothing needed to change, or null.</summary>
            public string Note { get; private set; }

            internal static Outcome Patched(List<string> versions) => new Outcome { Changed = versions };

            internal static Outcome Refuse(string why) => new Outcome { Changed = new List<string>(), Refusal = why };

            internal static Outcome Nothing(string note) => new Outcome { Changed = new List<string>(), Note = note };
        }

        /// <summary>What <see cref="Plan"/> decided.</summary>
        public sealed class PatchPlan
        {
            /// <summary>File offsets of the vna_flags fields to OR with VER_FLG_WEAK.</summary>
            public List<int> Offsets { get; } = new List<int>();

            /// <summary>The versions those fields belong to.</summary>
            public List<string> Versions { get; } = new List<string>();

            /// <summary>Why patching is not safe, or null.</summary>
            public string Refusal { get; set; }

            /// <summary>Why nothing needs to change, or null.</summary>
            public string Note { get; set; }
        }

        /// <summary>One Vernaux entry: a version required from a needed file.</summary>
        public sealed class VersionNeed
        {
            /// <summary>The needed file (e.g. libstdc++.so.6).</summary>
            public string File { get; set; }

            /// <summary>The version name (e.g. GLIBCXX_3.4.32).</summary>
            public string Name { get; set; }

            /// <summary>vna_flags.</summary>
            public ushort Flags { get; set; }

            /// <summary>vna_other: the version index that .gnu.version entries use for it.</summary>
            public int Index { get; set; }

            /// <summary>The file offset of vna_flags.</summary>
            public int FlagsOffset { get; set; }
        }

        /// <summary>One dynamic symbol with its version index.</summary>
        public sealed class DynamicSymbol
        {
            /// <summary>The index in .dynsym.</summary>
            public int Index { get; set; }

            /// <summary>The name.</summary>
            public string Name { get; set; }

            /// <summary>Whether the symbol is defined in this file (st_shndx != SHN_UNDEF).</summary>
            public bool IsDefined { get; set; }

            /// <summary>The .gnu.version entry without the hidden bit.</summary>
            public int VersionIndex { get; set; }
        }

        /// <summary>A minimal reader of 64-bit little-endian ELF files: section headers, dynamic symbols, symbol
        /// versions (.gnu.version, .gnu.version_r, .gnu.version_d) and RELA relocations.</summary>
        public sealed class Elf
        {
            private const uint ShtRela = 4;
            private const uint ShtDynsym = 11;
            private const uint ShtGnuVerdef = 0x6ffffffd;
            private const uint ShtGnuVerneed = 0x6ffffffe;
            private const uint ShtGnuVersym = 0x6fffffff;

            private readonly byte[] _bytes;
            private readonly List<Section> _sections;

            private Elf(byte[] bytes, List<Section> sections)
            {
                _bytes = bytes;
                _sections = sections;
            }

            /// <summary>Reads the section headers.</summary>
            /// <exception cref="InvalidDataException">The bytes are not a 64-bit little-endian ELF file.</exception>
            public static Elf Parse(byte[] bytes)
            {
                if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
                {
                    throw new InvalidDataException("no ELF magic");
                }

                if (bytes[4] != 2 || bytes[5] != 1)
                {
                    throw new InvalidDataException("not ELF64 little-endian (class " + bytes[4] + ", data " + bytes[5] + ")");
                }

                var shoff = ReadU64(bytes, 0x28);
                var shentsize = ReadU16(bytes, 0x3a);
                var shnum = ReadU16(bytes, 0x3c);
                if (shoff == 0 || shnum == 0 || shentsize < 64 || shoff + ((ulong)shnum * shentsize) > (ulong)bytes.Length)
                {
                    throw new InvalidDataException("no usable section header table");
                }

                var sections = new List<Section>(shnum);
                for (var i = 0; i < shnum; i++)
                {
                    var at = checked((int)shoff + (i * shentsize));
                    var section = new Section
                    {
                        Type = ReadU32(bytes, at + 4),
                        Offset = checked((int)ReadU64(bytes, at + 0x18)),
                        Size = checked((int)ReadU64(bytes, at + 0x20)),
                        Link = (int)ReadU32(bytes, at + 0x28),
                        Info = (int)ReadU32(bytes, at + 0x2c),
                        EntrySize = checked((int)ReadU64(bytes, at + 0x38)),
                    };
                    if (section.Type != 8 && (section.Offset < 0 || section.Offset + section.Size > bytes.Length))
                    {
                        throw new InvalidDataException("section " + i + " lies outside the file");
                    }

                    sections.Add(section);
                }

                return new Elf(bytes, sections);
            }

            /// <summary>Every Vernaux entry of .gnu.version_r.</summary>
            public List<VersionNeed> VersionNeeds()
            {
                var result = new List<VersionNeed>();
                foreach (var section in _sections.Where(s => s.Type == ShtGnuVerneed))
                {
                    var strings = _sections[section.Link];
                    var at = section.Offset;
                    for (var i = 0; i < section.Info; i++)
                    {
                        var count = ReadU16(_bytes, at + 2);
                        var file = ReadString(strings, ReadU32(_bytes, at + 4));
                        var aux = at + (int)ReadU32(_bytes, at + 8);
                        for (var j = 0; j < count; j++)
                        {
                            result.Add(new VersionNeed
                            {
                                File = file,
                                Flags = ReadU16(_bytes, aux + 4),
                                Index = ReadU16(_bytes, aux + 6) & 0x7fff,
                                Name = ReadString(strings, ReadU32(_bytes, aux + 8)),
                                FlagsOffset = aux + 4,
                            });
                            var nextAux = (int)ReadU32(_bytes, aux + 12);
                            if (nextAux == 0)
                            {
                                break;
                            }

                            aux += nextAux;
                        }

                        var next = (int)ReadU32(_bytes, at + 12);
                        if (next == 0)
                        {
                            break;
                        }

                        at += next;
                    }
                }

                return result;
            }

            /// <summary>The version names this file defines (.gnu.version_d), e.g. the GLIBCXX_* of libstdc++.</summary>
            public List<string> DefinedVersions()
            {
                var result = new List<string>();
                foreach (var section in _sections.Where(s => s.Type == ShtGnuVerdef))
                {
                    var strings = _sections[section.Link];
                    var at = section.Offset;
                    for (var i = 0; i < section.Info; i++)
                    {
                        var count = ReadU16(_bytes, at + 6);
                        if (count > 0)
                        {
                            var aux = at + (int)ReadU32(_bytes, at + 12);
                            result.Add(ReadString(strings, ReadU32(_bytes, aux)));
                        }

                        var next = (int)ReadU32(_bytes, at + 16);
                        if (next == 0)
                        {
                            break;
                        }

                        at += next;
                    }
                }

                return result;
            }

            /// <summary>The dynamic symbols with their .gnu.version indices.</summary>
            public List<DynamicSymbol> DynamicSymbols()
            {
                var result = new List<DynamicSymbol>();
                var dynsym = _sections.FirstOrDefault(s => s.Type == ShtDynsym);
                if (dynsym == null)
                {
                    return result;
                }

                var versym = _sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
                var strings = _sections[dynsym.Link];
                var entry = dynsym.EntrySize == 0 ? 24 : dynsym.EntrySize;
                var count = dynsym.Size / entry;
                for (var i = 0; i < count; i++)
                {
                    var at = dynsym.Offset + (i * entry);
                    result.Add(new DynamicSymbol
                    {
                        Index = i,
                        Name = ReadString(strings, ReadU32(_bytes, at)),
                        IsDefined = ReadU16(_bytes, at + 6) != 0,
                        VersionIndex = versym == null || (2 * i) + 2 > versym.Size ? 1 : ReadU16(_bytes, versym.Offset + (2 * i)) & 0x7fff,
                    });
                }

                return result;
            }

            /// <summary>The .dynsym indices that RELA relocations against the dynamic symbol table refer to.</summary>
            public List<int> RelocatedSymbolIndices()
            {
                var result = new List<int>();
                var dynsymIndex = _sections.FindIndex(s => s.Type == ShtDynsym);
                foreach (var section in _sections.Where(s => s.Type == ShtRela && s.Link == dynsymIndex))
                {
                    var entry = section.EntrySize == 0 ? 24 : section.EntrySize;
                    for (var at = section.Offset; at + entry <= section.Offset + section.Size; at += entry)
                    {
                        var symbol = (int)(ReadU64(_bytes, at + 8) >> 32);
                        if (symbol != 0)
                        {
                            result.Add(symbol);
                        }
                    }
                }

                return result;
            }

            private string ReadString(Section strings, uint offset)
            {
                var start = strings.Offset + (int)offset;
                var end = start;
                var limit = strings.Offset + strings.Size;
                while (end < limit && _bytes[end] != 0)
                {
                    end++;
                }

                return Encoding.UTF8.GetString(_bytes, start, end - start);
            }

            private static ushort ReadU16(byte[] b, int at) => (ushort)(b[at] | (b[at + 1] << 8));

            private static uint ReadU32(byte[] b, int at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

            private static ulong ReadU64(byte[] b, int at) => ReadU32(b, at) | ((ulong)ReadU32(b, at + 4) << 32);

            private sealed class Section
            {
                public uint Type { get; set; }

                public int Offset { get; set; }

                public int Size { get; set; }

                public int Link { get; set; }

                public int Info { get; set; }

                public int EntrySize { get; set; }
            }
        }
    }
}
