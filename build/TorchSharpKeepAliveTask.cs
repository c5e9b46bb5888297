// Rewrites the build output's copy of TorchSharp.dll so that every method keeps its handle-owning arguments and
// locals (Tensor, Scalar, arrays and collections of them, and `this`) alive until it returns.
// Why: TorchSharp turns each double or int passed where libtorch takes a Scalar into a Scalar that only its finalizer
// frees, and reads the native handle out of Tensors and Scalars before the P/Invoke; nothing keeps the managed object
// alive during the native call, so a garbage collection on another thread can run the finalizer and free the native
// object mid-call (libtorch then fails in Scalar::toFloat, "Expected false to be true", or computes with a freed
// value). TorchSharp's own fix (GC.KeepAlive after each native call) is not released; this applies the same rule
// mechanically to every method, including TorchSharp's own overloads that create a Scalar (add with its default alpha,
// clamp, hardtanh, ...), so the project's code, the modules and the optimizers are all covered.
// This one file is both the MSBuild task (RoslynCodeTaskFactory compiles a single source file) and the pure patch
// logic that tests/Unit compiles with REPRO_KEEPALIVE_ONLY defined. It is compiled against netstandard2.0.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

#if !REPRO_KEEPALIVE_ONLY
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class TorchSharpKeepAliveTask : Task
{
    /// <summary>TorchSharp.dll copies to patch (in the build or publish output, never the NuGet cache).</summary>
    [Required] public ITaskItem[] Assemblies { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        foreach (var item in Assemblies)
        {
            var path = item.ItemSpec;
            if (!File.Exists(path)) continue;
            try
            {
                int methods = TorchSharpKeepAlive.PatchFileInPlace(path);
                if (methods > 0)
                    Log.LogMessage(MessageImportance.High, $"TorchSharp keep-alive: {methods} methods of {path} keep their Tensors and Scalars alive until they return.");
            }
            catch (Exception e)
            {
                Log.LogError($"Could not apply the keep-alive patch to {path}: {e.Message}");
                return false;
            }
        }
        return true;
    }
}
#endif

/// <summary>The patch itself: which values are kept alive, where, and the marker that says a copy carries it.</summary>
public static class TorchSharpKeepAlive
{
    /// <summary>The manifest resource a patched copy carries; its text names the rule and its version.</summary>
    public const string MarkerResource = "Repro.KeepAliveUntilReturn";

    /// <summary>Bumped when the rule changes, so an older patched copy in an output folder is patched again from the package.</summary>
    public const string MarkerText = "keep-alive v2: this, handle-typed parameters and locals kept alive until every return";

    /// <summary>True when the assembly file already carries this version of the patch.</summary>
    public static bool IsPatched(string path)
    {
        using var module = ModuleDefinition.ReadModule(path);
        return IsPatched(module);
    }

    public static bool IsPatched(ModuleDefinition module) =>
        module.Resources.OfType<EmbeddedResource>().Any(r => r.Name == MarkerResource && System.Text.Encoding.UTF8.GetString(r.GetResourceData()) == MarkerText);

    /// <summary>Patches the file (written beside it, then moved over it); returns the number of methods patched, 0 if it already was.</summary>
    public static int PatchFileInPlace(string path)
    {
        var temporary = path + ".keepalive.tmp";
        int patched;
        var symbols = Path.ChangeExtension(path, ".pdb");
        bool withSymbols = File.Exists(symbols);
        var parameters = new ReaderParameters { ReadSymbols = withSymbols, InMemory = true };
        using (var module = ModuleDefinition.ReadModule(path, parameters))
        {
            if (IsPatched(module)) return 0;
            patched = Patch(module);
            module.Resources.Add(new EmbeddedResource(MarkerResource, ManifestResourceAttributes.Private, System.Text.Encoding.UTF8.GetBytes(MarkerText)));
            try
            {
                module.Write(temporary, new WriterParameters { WriteSymbols = withSymbols });
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        }
        if (withSymbols)
        {
            // Cecil writes the symbols beside the temporary file; move them with it.
            var temporarySymbols = Path.ChangeExtension(temporary, ".pdb");
            if (File.Exists(temporarySymbols)) File.Copy(temporarySymbols, symbols, overwrite: true);
            if (File.Exists(temporarySymbols)) File.Delete(temporarySymbols);
        }
        File.Copy(temporary, path, overwrite: true);
        File.Delete(temporary);
        return patched;
    }

    /// <summary>Patches every method body of the module; returns how many were changed.</summary>
    public static int Patch(ModuleDefinition module)
    {
        var keepAlive = KeepAliveReference(module);
        int count = 0;
        foreach (var type in module.GetTypes())
            foreach (var method in type.Methods)
                if (method.HasBody && PatchMethod(method, keepAlive)) count++;
        return count;
    }

    /// <summary>The values a method keeps alive: `this` of a class, parameters and locals of handle types.</summary>
    public static IReadOnlyList<object> KeptValues(MethodDefinition method)
    {
        var kept = new List<object>();
        if (method.HasThis && !method.DeclaringType.IsValueType && IsHandleType(method.DeclaringType)) kept.Add(method.Body.ThisParameter);
        kept.AddRange(method.Parameters.Where(p => IsHandleType(p.ParameterType)));
        kept.AddRange(method.Body.Variables.Where(v => IsHandleType(v.VariableType)));
        return kept;
    }

    static bool PatchMethod(MethodDefinition method, MethodReference keepAlive)
    {
        var body = method.Body;
        // A tail call must be followed directly by its ret: nothing can go between.
        if (body.Instructions.Any(i => i.OpCode == OpCodes.Tail)) return false;
        var kept = KeptValues(method);
        if (kept.Count == 0) return false;
        var returns = body.Instructions.Where(i => i.OpCode == OpCodes.Ret).ToList();
        if (returns.Count == 0) return false;
        LengthenShortBranches(body);
        var il = body.GetILProcessor();
        foreach (var ret in returns)
        {
            // The ret instruction itself becomes the first load, so every branch to it (and a handler's end) now
            // reaches the keep-alive calls first; the return value, if any, stays below them on the stack.
            var sequence = kept.SelectMany(value => new[] { Load(il, value), il.Create(OpCodes.Call, keepAlive) }).ToList();
            ret.OpCode = sequence[0].OpCode;
            ret.Operand = sequence[0].Operand;
            var last = ret;
            foreach (var instruction in sequence.Skip(1).Append(il.Create(OpCodes.Ret)))
            {
                il.InsertAfter(last, instruction);
                last = instruction;
            }
        }
        return true;
    }

    /// <summary>
    /// Short branches reach 127 bytes; the inserted calls can push a target beyond that, so every short branch becomes its
    /// long form (Mono.Cecil.Rocks does the same, but MSBuild may hold another Cecil version's Rocks).
    /// </summary>
    static void LengthenShortBranches(MethodBody body)
    {
        foreach (var instruction in body.Instructions)
            if (LongForms.TryGetValue(instruction.OpCode.Code, out var longForm)) instruction.OpCode = longForm;
    }

    static readonly Dictionary<Code, OpCode> LongForms = new()
    {
        [Code.Br_S] = OpCodes.Br, [Code.Brfalse_S] = OpCodes.Brfalse, [Code.Brtrue_S] = OpCodes.Brtrue,
        [Code.Beq_S] = OpCodes.Beq, [Code.Bge_S] = OpCodes.Bge, [Code.Bgt_S] = OpCodes.Bgt, [Code.Ble_S] = OpCodes.Ble,
        [Code.Blt_S] = OpCodes.Blt, [Code.Bne_Un_S] = OpCodes.Bne_Un, [Code.Bge_Un_S] = OpCodes.Bge_Un, [Code.Bgt_Un_S] = OpCodes.Bgt_Un,
        [Code.Ble_Un_S] = OpCodes.Ble_Un, [Code.Blt_Un_S] = OpCodes.Blt_Un, [Code.Leave_S] = OpCodes.Leave,
    };

    static Instruction Load(ILProcessor il, object value) => value switch
    {
        ParameterDefinition p => il.Create(OpCodes.Ldarg, p),
        VariableDefinition v => il.Create(OpCodes.Ldloc, v),
        _ => throw new InvalidOperationException($"cannot load {value}"),
    };

    /// <summary>
    /// A class declared in TorchSharp (Tensor, Scalar, Parameter, Module, Generator, ...), an array of one, or a
    /// System.Collections.Generic collection of one. Value types, interfaces of other assemblies and generic parameters are
    /// left alone (nothing native hangs off them directly, and a value type cannot be passed to KeepAlive unboxed).
    /// </summary>
    public static bool IsHandleType(TypeReference type)
    {
        switch (type)
        {
            case ArrayType array: return IsHandleType(array.ElementType);
            case GenericInstanceType generic:
                return ReferenceCollections.Contains(generic.ElementType.FullName) && generic.GenericArguments.Any(IsHandleType);
            case ByReferenceType or PointerType or GenericParameter or RequiredModifierType or OptionalModifierType or PinnedType:
                return false;
        }
        if (type.Scope is not ModuleDefinition) return false;
        var definition = type as TypeDefinition ?? type.Resolve();
        return definition is { IsClass: true, IsValueType: false, IsInterface: false } && !IsCompilerGenerated(definition);
    }

    /// <summary>Collection classes and interfaces (always references, so KeepAlive takes them unboxed; KeyValuePair or an Enumerator would not).</summary>
    static readonly HashSet<string> ReferenceCollections = new()
    {
        "System.Collections.Generic.List`1", "System.Collections.Generic.IList`1", "System.Collections.Generic.IEnumerable`1",
        "System.Collections.Generic.IReadOnlyList`1", "System.Collections.Generic.ICollection`1", "System.Collections.Generic.IReadOnlyCollection`1",
        "System.Collections.Generic.Dictionary`2", "System.Collections.Generic.IDictionary`2", "System.Collections.Generic.IReadOnlyDictionary`2",
        "System.Collections.Generic.HashSet`1", "System.Collections.Generic.ISet`1", "System.Collections.Generic.Queue`1", "System.Collections.Generic.Stack`1",
    };

    static bool IsCompilerGenerated(TypeDefinition type) =>
        type.Name.StartsWith("<", StringComparison.Ordinal) || (type.DeclaringType is { } outer && IsCompilerGenerated(outer));

    /// <summary>System.GC.KeepAlive(object), referenced through the assembly the module already takes System.Object from.</summary>
    static MethodReference KeepAliveReference(ModuleDefinition module)
    {
        var objectType = module.TypeSystem.Object;
        var gc = new TypeReference("System", "GC", module, objectType.Scope);
        var method = new MethodReference("KeepAlive", module.TypeSystem.Void, gc) { HasThis = false };
        method.Parameters.Add(new ParameterDefinition(objectType));
        return module.ImportReference(method);
    }
}
