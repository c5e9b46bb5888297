using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Runtime;

/// <summary>
/// SGD with momentum, dampening, weight decay and Nesterov, computed op for op as TorchSharp's <c>optim.SGD</c> (same
/// operations in the same order, so the same bits, the same param groups and the same saved state), but with every scalar
/// of a step created once and disposed after it. TorchSharp's own step passes doubles where libtorch takes a Scalar; each
/// becomes a <see cref="Scalar"/> that only its finalizer frees, and nothing keeps it alive during the native call, so a
/// garbage collection triggered by another worker can free it mid-call (libtorch then fails in Scalar::toFloat, "Expected
/// false to be true", or reads a wrong value). The step is where a training run makes most of them (four per parameter).
/// </summary>
public sealed class Sgd : SGD
{
    public Sgd(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(parameters, lr, momentum, dampening, weightDecay, nesterov, maximize: false)
    {
    }

    public Sgd(IEnumerable<ParamGroup> groups, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(groups, lr, momentum, dampening, weightDecay, nesterov, maximize: false)
    {
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = group.Options;
        double momentum = options.momentum!.Value, dampening = options.dampening!.Value, weightDecay = options.weight_decay!.Value;
        bool nesterov = options.nesterov!.Value, maximize = options.maximize!.Value;
        double lr = options.LearningRate!.Value;
        // The values TorchSharp's step converts implicitly, held (and freed) here.
        using Scalar decay = weightDecay, keep = momentum, fresh = 1 - dampening, rate = maximize ? lr : -lr;
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            if (weightDecay != 0) grad = grad.add(param, alpha: decay);
            if (momentum != 0)
            {
                var buffer = state.momentum_buffer;
                if (buffer is null)
                    buffer = grad.clone().detach().DetachFromDisposeScope();
                else
                    buffer.mul_(keep).add_(grad, alpha: fresh);
                grad = nesterov ? grad.add(buffer, alpha: keep) : buffer;
                state.momentum_buffer = buffer;
            }
            param.add_(grad, alpha: rate);
        }
    }, closure);
}
