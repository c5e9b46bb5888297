using Repro.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Op = Repro.Models.NasNetOperationKind;

namespace Repro.Models;

/// <summary>
/// A NASNet-A normal or reduction cell (Zoph et al. 2018, Fig. 4), wired as TF-slim's
/// <c>NasNetABaseCell</c>: both inputs are brought to the cell's width (the previous one factorized-reduced
/// when it has twice the resolution), five blocks each add two operations on earlier hidden states, and the
/// hidden states no block consumed are concatenated. A reduction cell strides the operations that read
/// the cell's inputs. Drop-path (a training regulariser) is not implemented.
/// </summary>
public sealed class NasNetCell : nn.Module<Tensor, Tensor?, Tensor>
{
    // Per block: (left op, left input, right op, right input); inputs 0 = current, 1 = previous, 2.. = block outputs.
    static readonly (Op Op, int Input)[] NormalCell =
    {
        (Op.Separable5x5, 0), (Op.Separable3x3, 1),
        (Op.Separable5x5, 1), (Op.Separable3x3, 1),
        (Op.AvgPool3x3, 0), (Op.Identity, 1),
        (Op.AvgPool3x3, 1), (Op.AvgPool3x3, 1),
        (Op.Separable3x3, 0), (Op.Identity, 0),
    };
    static readonly bool[] NormalUsed = { true, false, false, false, false, false, false };

    static readonly (Op Op, int Input)[] ReductionCell =
    {
        (Op.Separable5x5, 0), (Op.Separable7x7, 1),
        (Op.MaxPool3x3, 0), (Op.Separable7x7, 1),
        (Op.AvgPool3x3, 0), (Op.Separable5x5, 1),
        (Op.Identity, 3), (Op.AvgPool3x3, 2),
        (Op.Separable3x3, 2), (Op.MaxPool3x3, 0),
    };
    static readonly bool[] ReductionUsed = { true, true, true, false, false, false, false };

    readonly ConvBn current;
    readonly nn.Module<Tensor, Tensor>? previous;
    readonly ModuleList<NasNetOperation> operations;
    readonly ModuleList<FactorizedReduction> combineReductions;
    readonly int[] inputs;
    readonly int[] concatenated;
    readonly int[] reductionOf;   // per concatenated state: index into combineReductions, or -1

    /// <param name="previousChannels">Channels of the cell before the last; null for the first cell, which reads its input twice, unchanged (TF-slim's prev_layer = None).</param>
    /// <param name="previousHasDoubleResolution">The previous input comes from before a reduction cell.</param>
    public NasNetCell(bool reduction, long currentChannels, long? previousChannels, bool previousHasDoubleResolution, long filters)
        : base(nameof(NasNetCell))
    {
        var layout = reduction ? ReductionCell : NormalCell;
        var used = reduction ? ReductionUsed : NormalUsed;
        current = new ConvBn(currentChannels, filters, 1, activation: ActivationFunction.None);
        long previousWidth;
        if (previousChannels is not long prev)
            previousWidth = currentChannels;
        else if (previousHasDoubleResolution)
            (previous, previousWidth) = (new FactorizedReduction(prev, filters, 2), filters);
        else if (prev != filters)
            (previous, previousWidth) = (new ConvBn(prev, filters, 1, activation: ActivationFunction.None), filters);
        else
            previousWidth = prev;

        // Each state's width and whether it is at the cell's input resolution (before a reduction's stride).
        var states = new List<(long Channels, bool InputResolution)> { (filters, true), (previousWidth, true) };
        var ops = new List<NasNetOperation>();
        inputs = layout.Select(o => o.Input).ToArray();
        for (int block = 0; block < 5; block++)
        {
            for (int side = 0; side < 2; side++)
            {
                var (op, input) = layout[2 * block + side];
                long stride = reduction && input < 2 ? 2 : 1;
                ops.Add(new NasNetOperation(op, states[input].Channels, filters, stride));
            }
            states.Add((filters, !reduction));
        }
        operations = new ModuleList<NasNetOperation>(ops.ToArray());

        concatenated = Enumerable.Range(0, states.Count).Where(i => !used[i]).ToArray();
        var (finalChannels, finalResolution) = states[^1];
        var reductions = new List<FactorizedReduction>();
        reductionOf = new int[concatenated.Length];
        for (int k = 0; k < concatenated.Length; k++)
        {
            var (channels, resolution) = states[concatenated[k]];
            reductionOf[k] = -1;
            if (channels == finalChannels && resolution == finalResolution) continue;
            reductionOf[k] = reductions.Count;
            reductions.Add(new FactorizedReduction(channels, finalChannels, resolution == finalResolution ? 1 : 2));
        }
        combineReductions = new ModuleList<FactorizedReduction>(reductions.ToArray());
        OutChannels = finalChannels * concatenated.Length;
        RegisterComponents();
    }

    public long OutChannels { get; }

    /// <param name="x">The previous cell's output.</param>
    /// <param name="previousInput">The output of the cell before that; null for the first cell.</param>
    public override Tensor forward(Tensor x, Tensor? previousInput)
    {
        using var scope = NewDisposeScope();
        var prev = previousInput is null ? x
            : previous is null ? previousInput
            : previous.forward(nn.functional.relu(previousInput));
        var states = new List<Tensor> { current.forward(nn.functional.relu(x)), prev };
        for (int block = 0; block < 5; block++)
        {
            var left = operations[2 * block].forward(states[inputs[2 * block]]);
            var right = operations[2 * block + 1].forward(states[inputs[2 * block + 1]]);
            states.Add(left + right);
        }
        var parts = new Tensor[concatenated.Length];
        for (int k = 0; k < concatenated.Length; k++)
        {
            var state = states[concatenated[k]];
            parts[k] = reductionOf[k] < 0 ? state : combineReductions[reductionOf[k]].forward(state);
        }
        return cat(parts, 1).MoveToOuterDisposeScope();
    }
}
