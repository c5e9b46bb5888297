using Repro.Attacks;
using Repro.Models.Foreign;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Attacks;

/// <summary>The adaptive attacker's wrapper: the same outputs, the input-gradient negated, and nothing of its own.</summary>
public class GradientReversalTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "ForeignModels", name);

    [TestCase("tiny.pt")]
    [TestCase("mini-server-int8.pt")]
    [TestCase("onnx/mini-server-int8.onnx")]
    public void Wrapper_OwnsNothing_ItsParametersAndStateAreTheInnerModels(string fixture)
    {
        using var inner = ForeignModels.Load(Fixture(fixture));
        var innerKeys = inner.state_dict().Keys.ToList();
        var innerParameters = inner.parameters().Select(p => p.Handle).ToList();

        using var reversed = new GradientReversal(inner);

        reversed.parameters().Select(p => p.Handle).Should().Equal(innerParameters, "each weight once, the inner model's own");
        reversed.state_dict().Keys.Should().Equal(innerKeys.Select(k => "inner." + k), "the wrapper adds no state of its own");
        inner.state_dict().Keys.Should().Equal(innerKeys, "wrapping must not register the inner model's private fields");
        inner.parameters().Select(p => p.Handle).Should().Equal(innerParameters);
    }

    [Test]
    public void Wrapper_GivesTheSameOutputsAndTheNegatedInputGradient()
    {
        using var inner = ForeignModels.Load(Fixture("tiny.pt"));
        using var reversed = new GradientReversal(inner);
        using var scope = NewDisposeScope();
        var x = rand(new long[] { 4, 3, 32, 32 }, generator: new Generator(1));
        var labels = tensor(new long[] { 0, 1, 2, 3 });

        Tensor Gradient(Repro.Models.Classifier model)
        {
            var input = x.clone().requires_grad_(true);
            var loss = nn.functional.cross_entropy(model.forward(input), labels);
            return autograd.grad(new[] { loss }, new[] { input })[0];
        }

        reversed.forward(x).allclose(inner.forward(x)).Should().BeTrue();
        Gradient(reversed).allclose(-Gradient(inner), atol: 1e-7).Should().BeTrue();
    }
}
