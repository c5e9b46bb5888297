using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Repro.Runtime;
using TorchSharp;

namespace Repro.Unit.Runtime;

/// <summary>
/// The build's keep-alive patch of TorchSharp.dll (build/TorchSharpKeepAliveTask.cs): the loaded copy carries it, every
/// method that takes a Scalar keeps it alive at every return, every patched method still compiles, and under continuous
/// forced collections the patched copy survives while the package's own copy fails.
/// </summary>
[NonParallelizable]
public class TorchSharpKeepAliveTests
{
    static string Output => AppContext.BaseDirectory;
    static string LoadedTorchSharp => typeof(torch).Assembly.Location;
    static string UnpatchedTorchSharp => Path.Combine(Output, "Unpatched", "TorchSharp.dll");

    [Test]
    public void LoadedTorchSharp_CarriesTheKeepAlivePatch()
    {
        TorchSharpPatch.IsApplied.Should().BeTrue(TorchSharpPatch.Describe());
        TorchSharpPatch.Describe().Should().Be(TorchSharpKeepAlive.MarkerText);
    }

    [Test]
    public void EveryMethodTakingAScalar_KeepsItAliveAtEveryReturn()
    {
        using var module = ModuleDefinition.ReadModule(LoadedTorchSharp);
        var methods = module.GetTypes().SelectMany(t => t.Methods)
            .Where(m => m.HasBody && m.Parameters.Any(p => p.ParameterType.Name == "Scalar"))
            .Where(m => !m.Body.Instructions.Any(i => i.OpCode == OpCodes.Tail)).ToList();
        methods.Should().HaveCountGreaterThan(150, "TorchSharp has about 180 Scalar overloads (add, mul, clamp, full, ...)");
        var unkept = new List<string>();
        foreach (var method in methods)
        {
            var scalars = method.Parameters.Where(p => p.ParameterType.Name == "Scalar").ToList();
            foreach (var ret in method.Body.Instructions.Where(i => i.OpCode == OpCodes.Ret))
            {
                var kept = KeptBefore(method, ret);
                if (scalars.Any(p => !kept.Contains(p))) unkept.Add($"{method.FullName} at IL_{ret.Offset:x4}");
            }
        }
        unkept.Should().BeEmpty();
    }

    [Test]
    public void TheAddOverloadWithADefaultAlpha_CreatesAScalarThatTheOverloadItCallsKeepsAlive()
    {
        // add(Tensor) passes an implicit 1 to add(Tensor, Scalar): the callee must hold it through THSTensor_add.
        using var module = ModuleDefinition.ReadModule(LoadedTorchSharp);
        var tensor = module.GetTypes().Single(t => t.FullName == "TorchSharp.torch/Tensor");
        var withAlpha = tensor.Methods.Single(m => m.Name == "add" && m.Parameters.Count == 2
            && m.Parameters[0].ParameterType.Name == "Tensor" && m.Parameters[1].ParameterType.Name == "Scalar");
        withAlpha.Body.Instructions.Should().Contain(i => i.OpCode == OpCodes.Call && ((MethodReference)i.Operand).Name.StartsWith("THSTensor_add", StringComparison.Ordinal));
        foreach (var ret in withAlpha.Body.Instructions.Where(i => i.OpCode == OpCodes.Ret))
            KeptBefore(withAlpha, ret).Should().Contain(withAlpha.Parameters[1]).And.Contain(withAlpha.Body.ThisParameter);
    }

    [Test]
    public void EveryPatchedMethod_StillCompiles()
    {
        // The JIT rejects a KeepAlive of an unboxed value type or an unbalanced stack with InvalidProgramException.
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        int compiled = 0;
        var invalid = new List<string>();
        foreach (var open in typeof(torch).Assembly.GetTypes())
        {
            var type = Close(open);
            if (type is null) continue;
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (method.IsAbstract || method.ContainsGenericParameters || method.Attributes.HasFlag(System.Reflection.MethodAttributes.PinvokeImpl)
                    || method.MethodImplementationFlags.HasFlag(System.Reflection.MethodImplAttributes.InternalCall)) continue;
                try
                {
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    compiled++;
                }
                catch (InvalidProgramException)
                {
                    invalid.Add($"{type.FullName}.{method.Name}");
                }
                catch (PlatformNotSupportedException)
                {
                    // Methods this runtime cannot prepare ahead of a call (some over generic instantiations): not an IL fault.
                }
            }
        }
        invalid.Should().BeEmpty();
        compiled.Should().BeGreaterThan(5000);
    }

    [Test]
    public void PatchingAnAlreadyPatchedCopy_ChangesNothing()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"repro-keepalive-{Guid.NewGuid():N}.dll");
        try
        {
            File.Copy(LoadedTorchSharp, copy);
            var before = File.ReadAllBytes(copy);
            TorchSharpKeepAlive.PatchFileInPlace(copy).Should().Be(0);
            File.ReadAllBytes(copy).Should().Equal(before);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Test]
    public void ThePackageCopy_IsPatchedToTheLoadedOne()
    {
        if (!File.Exists(UnpatchedTorchSharp)) Assert.Ignore($"{UnpatchedTorchSharp} is not in the output (a CUDA build takes TorchSharp from another package)");
        var copy = Path.Combine(Path.GetTempPath(), $"repro-keepalive-{Guid.NewGuid():N}.dll");
        try
        {
            File.Copy(UnpatchedTorchSharp, copy);
            TorchSharpKeepAlive.IsPatched(copy).Should().BeFalse();
            TorchSharpKeepAlive.PatchFileInPlace(copy).Should().BeGreaterThan(5000);
            TorchSharpKeepAlive.IsPatched(copy).Should().BeTrue();
            File.Exists(copy + ".keepalive.tmp").Should().BeFalse("the temporary file is moved over the target");
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Test]
    public void UnderContinuousCollections_ImplicitScalarsStayValid()
    {
        var report = ScalarLifetimeProbe.Run(TimeSpan.FromSeconds(2));
        report.Collections.Should().BeGreaterThan(10, "the stress thread must actually collect");
        report.Operations.Should().BeGreaterThan(1000);
        report.Survived.Should().BeTrue(report.ToString());
    }

    [Test]
    public void TheStressProbe_FailsOnThePackagesCopy_AndPassesOnThePatchedOne()
    {
        if (!File.Exists(UnpatchedTorchSharp)) Assert.Ignore($"{UnpatchedTorchSharp} is not in the output (a CUDA build takes TorchSharp from another package)");
        // A child process per copy: the package's copy may crash the process it runs in.
        var unpatched = Probe(UnpatchedTorchSharp, seconds: 20);
        unpatched.ExitCode.Should().NotBe(0, unpatched.Output);
        unpatched.Output.Should().Contain("TorchSharp patch absent");
        var patched = Probe(LoadedTorchSharp, seconds: 2);
        patched.ExitCode.Should().Be(0, patched.Output);
        patched.Output.Should().Contain("no error, every value right");
    }

    /// <summary>Runs `repro environment --scalar-probe` in a folder whose TorchSharp.dll is <paramref name="torchSharp"/>.</summary>
    static (int ExitCode, string Output) Probe(string torchSharp, double seconds)
    {
        var folder = Directory.CreateTempSubdirectory("repro-probe-");
        try
        {
            // The host resolves the app's real folder, so repro.dll and TorchSharp.dll are copies; the rest are links.
            foreach (var entry in new DirectoryInfo(Output).EnumerateFileSystemInfos())
            {
                var target = Path.Combine(folder.FullName, entry.Name);
                if (entry.Name is "repro.dll" or "TorchSharp.dll" || entry.Name.StartsWith("repro.", StringComparison.Ordinal)) File.Copy(entry.FullName, target);
                else File.CreateSymbolicLink(target, entry.FullName);
            }
            File.Copy(torchSharp, Path.Combine(folder.FullName, "TorchSharp.dll"), overwrite: true);
            var start = new ProcessStartInfo("dotnet", new[] { Path.Combine(folder.FullName, "repro.dll"), "environment", "--scalar-probe", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment.Remove(GcStress.Variable);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(seconds + 60))) process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (process.ExitCode, output.Result + error.Result);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The values loaded and passed to GC.KeepAlive in the run of instructions just before <paramref name="ret"/>.</summary>
    static HashSet<object> KeptBefore(MethodDefinition method, Instruction ret)
    {
        var kept = new HashSet<object>();
        for (var call = ret.Previous; call is not null && call.OpCode == OpCodes.Call && ((MethodReference)call.Operand).Name == "KeepAlive"; call = call.Previous?.Previous)
        {
            var load = call.Previous!;
            object? value = load.Operand switch
            {
                ParameterDefinition p => p,
                VariableDefinition v => v,
                _ => load.OpCode.Code switch
                {
                    Code.Ldarg_0 => ParameterAt(method, 0),
                    Code.Ldarg_1 => ParameterAt(method, 1),
                    Code.Ldarg_2 => ParameterAt(method, 2),
                    Code.Ldarg_3 => ParameterAt(method, 3),
                    _ => null,
                },
            };
            if (value is not null) kept.Add(value);
        }
        return kept;
    }

    static ParameterDefinition? ParameterAt(MethodDefinition method, int index)
    {
        if (method.HasThis)
        {
            if (index == 0) return method.Body.ThisParameter;
            index--;
        }
        return index < method.Parameters.Count ? method.Parameters[index] : null;
    }

    /// <summary>A closed type to compile: the type itself, or a generic one over Tensor (else object) where its constraints allow.</summary>
    static Type? Close(Type type)
    {
        if (!type.ContainsGenericParameters) return type;
        foreach (var argument in new[] { typeof(torch.Tensor), typeof(object) })
        {
            try
            {
                return type.MakeGenericType(type.GetGenericArguments().Select(_ => argument).ToArray());
            }
            catch (ArgumentException)
            {
            }
        }
        return null;
    }
}
