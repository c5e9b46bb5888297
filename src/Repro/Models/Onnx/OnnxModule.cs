using Repro.Models.Onnx.Operators;
using TorchSharp;
using static TorchSharp.torch;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Repro.Models.Onnx;

/// <summary>
/// A shipped ONNX model as a differentiable TorchSharp module: the graph's nodes run in file order on torch tensors,
/// so gradients reach the input (transfer attacks) and the weights (fine-tuning). Every node is built, and every
/// operator and attribute checked, in the constructor: a model outside the set fails there, before anything runs.
/// Learned initializers are parameters, batch-norm statistics persistent buffers, other constants non-persistent
/// buffers; <see cref="Initializers"/> maps each initializer's ONNX name to its tensor for the export back.
/// </summary>
public sealed class OnnxModule : nn.Module<Tensor, Tensor>
{
    readonly List<OnnxOperator> operators = new();
    readonly Dictionary<string, string> registered = new(StringComparer.Ordinal);
    readonly string inputName;
    readonly string outputName;

    public OnnxModule(OnnxModelFile file) : base(nameof(OnnxModule))
    {
        File = file;
        inputName = file.InputName;
        outputName = file.OutputName;
        var graph = file.Proto.Graph;
        var defined = new HashSet<string>(StringComparer.Ordinal) { inputName };
        foreach (var init in graph.Initializer) defined.Add(init.Name);
        var constants = new List<(string Name, Tensor Value)>();
        for (int index = 0; index < graph.Node.Count; index++)
        {
            var proto = graph.Node[index];
            var node = new OnnxNode(file.Name, proto, index, file.Opset);
            var op = OnnxOperatorCatalog.Create(node, proto.Domain);
            foreach (var name in node.Inputs.Where(n => n.Length > 0))
                if (!defined.Contains(name))
                    throw node.Error($"reads '{name}', which no earlier node, initializer or input produces (the graph is not in topological order, or is cut)");
            defined.Add(node.Outputs[0]);
            if (op is OnnxConstant constant) constants.Add((node.Outputs[0], constant.Value));
            else operators.Add(op);
        }
        if (!defined.Contains(outputName))
            throw new OnnxImportException(file.Name, null, null, null, $"output '{outputName}' is produced by no node");
        RegisterInitializers(graph.Initializer, file.Name);
        foreach (var (name, value) in constants) Register(name, value, Role.Constant);
    }

    public OnnxModelFile File { get; }

    /// <summary>Every initializer by its ONNX name: the tensor the module computes with (a parameter or a buffer).</summary>
    public IReadOnlyDictionary<string, Tensor> Initializers =>
        File.Proto.Graph.Initializer.ToDictionary(i => i.Name, i => Lookup(i.Name), StringComparer.Ordinal);

    public override Tensor forward(Tensor input) => Run(inputName, input, outputName);

    /// <summary>
    /// Runs the graph from the value <paramref name="from"/> (the input, or an intermediate value such as the
    /// penultimate activations) to <paramref name="to"/>: nodes run in file order once their inputs exist, so
    /// from the input to the penultimate value gives the features, and from there to the output the head.
    /// </summary>
    public Tensor Run(string from, Tensor value, string to)
    {
        var values = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (onnxName, _) in registered) values[onnxName] = Lookup(onnxName);
        values[from] = value;
        Tensor output;
        using (var scope = NewDisposeScope())
        {
            foreach (var op in operators)
            {
                if (values.ContainsKey(to)) break;
                if (op.Node.Inputs.Any(n => n.Length > 0 && !values.ContainsKey(n))) continue;
                op.Training = training;
                var inputs = op.Node.Inputs.Select(n => n.Length == 0 ? null : values[n]).ToArray();
                values[op.Node.Outputs[0]] = op.Run(inputs);
            }
            if (!values.TryGetValue(to, out var result))
                throw new ArgumentException($"{File.Name}: '{to}' cannot be computed from '{from}' alone (a node on the way reads a value computed before '{from}')");
            // A graph whose output is its input or a constant still hands the caller a tensor of its own.
            output = result.alias().MoveToOuterDisposeScope();
        }
        return output;
    }

    /// <summary>Whether the graph computes a value of this name (an input, initializer, Constant or node output).</summary>
    public bool Produces(string name) => name == inputName || registered.ContainsKey(name) || operators.Any(o => o.Node.Outputs[0] == name);

    enum Role { Weight, RunningState, Constant }

    void RegisterInitializers(IEnumerable<global::Onnx.TensorProto> initializers, string model)
    {
        var uses = new Dictionary<string, List<(OnnxOperator Op, int Slot)>>(StringComparer.Ordinal);
        foreach (var op in operators)
            for (int slot = 0; slot < op.Node.Inputs.Count; slot++)
            {
                var name = op.Node.Inputs[slot];
                if (!uses.TryGetValue(name, out var list)) uses[name] = list = new();
                list.Add((op, slot));
            }
        foreach (var init in initializers)
        {
            var value = OnnxTensors.ToTorch(init, model);
            var used = uses.GetValueOrDefault(init.Name) ?? new();
            bool floating = (DataType)init.DataType is DataType.Float or DataType.Double;
            var role = floating && used.Count > 0 && used.All(u => u.Op.IsWeight(u.Slot)) ? Role.Weight
                : used.Count > 0 && used.All(u => u.Op.IsRunningState(u.Slot)) ? Role.RunningState
                : Role.Constant;
            Register(init.Name, value, role);
        }
    }

    void Register(string onnxName, Tensor value, Role role)
    {
        // Module names may not hold '.'; ONNX names often do ("layer1.0.conv1.weight", "onnx::Conv_123").
        var safe = new string(onnxName.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
        while (registered.ContainsValue(safe) || safe.Length == 0) safe += "_";
        registered[onnxName] = safe;
        if (role == Role.Weight) register_parameter(safe, new TorchSharp.Modules.Parameter(value, requires_grad: true));
        else register_buffer(safe, value, persistent: role == Role.RunningState || IsInitializer(onnxName));
    }

    bool IsInitializer(string onnxName) => File.Proto.Graph.Initializer.Any(i => i.Name == onnxName);

    Tensor Lookup(string onnxName)
    {
        var safe = registered[onnxName];
        return get_parameter(safe) ?? get_buffer(safe) ?? throw new InvalidOperationException($"'{onnxName}' was registered as '{safe}' and is gone");
    }
}
