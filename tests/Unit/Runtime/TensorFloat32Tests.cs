using Repro.Runtime;
using TorchSharp;

namespace Repro.Unit.Runtime;

/// <summary>libtorch's TF32 switches are process-wide state; these tests leave them as they found them.</summary>
public class TensorFloat32Tests
{
    [Test]
    public void Allow_TurnsBothSwitchesOnAndRestoresThemOnDispose()
    {
        bool cudnn = torch.backends.cudnn.allow_tf32, cublas = torch.backends.cuda.matmul.allow_tf32;
        try
        {
            TensorFloat32.Forbid();
            using (TensorFloat32.Allow())
            {
                torch.backends.cudnn.allow_tf32.Should().BeTrue();
                torch.backends.cuda.matmul.allow_tf32.Should().BeTrue();
            }
            TensorFloat32.Allowed.Should().BeFalse("the scope restores what was there: both off");
        }
        finally
        {
            torch.backends.cudnn.allow_tf32 = cudnn;
            torch.backends.cuda.matmul.allow_tf32 = cublas;
        }
    }

    [Test]
    public void Forbid_TurnsOffTheCudnnDefault()
    {
        bool cudnn = torch.backends.cudnn.allow_tf32, cublas = torch.backends.cuda.matmul.allow_tf32;
        try
        {
            torch.backends.cudnn.allow_tf32 = true;
            TensorFloat32.Forbid();
            torch.backends.cudnn.allow_tf32.Should().BeFalse();
            torch.backends.cuda.matmul.allow_tf32.Should().BeFalse();
        }
        finally
        {
            torch.backends.cudnn.allow_tf32 = cudnn;
            torch.backends.cuda.matmul.allow_tf32 = cublas;
        }
    }
}
