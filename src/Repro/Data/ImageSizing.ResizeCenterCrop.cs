namespace Repro.Data;

public abstract partial record ImageSizing
{
    /// <summary>
    /// The ImageNet evaluation transform: the shorter side is resized to <paramref name="Resize"/> (the longer
    /// side to int(Resize * long / short), as torchvision computes it), then the centre
    /// <paramref name="Crop"/> x <paramref name="Crop"/> is kept. Resizing is bilinear without antialiasing,
    /// i.e. torch.nn.functional.interpolate(mode="bilinear", align_corners=False, antialias=False) on [0, 1]
    /// floats, evaluated only at the pixels the crop keeps.
    /// </summary>
    public sealed record ResizeCenterCrop(int Resize = 256, int Crop = 224) : ImageSizing
    {
        public int Crop { get; } = Crop > 0 && Resize >= Crop
            ? Crop
            : throw new ArgumentOutOfRangeException(nameof(Crop), Crop, $"need 0 < crop <= resize, got resize {Resize}");
        public override int Height => Crop;
        public override int Width => Crop;

        internal override void Write(ReadOnlySpan<byte> rgb, int width, int height, string name, Span<float> destination)
        {
            int crop = Crop;
            if (width < 1 || height < 1)
                throw new InvalidDataException($"'{name}' is {width}x{height}; expected a non-empty image");
            (int resizedHeight, int resizedWidth) = height <= width
                ? (Resize, (int)(Resize * (double)width / height))
                : ((int)(Resize * (double)height / width), Resize);
            // Python's round() is round-half-to-even, as is Math.Round's default: same offsets as torchvision.
            int top = (int)Math.Round((resizedHeight - crop) / 2.0);
            int left = (int)Math.Round((resizedWidth - crop) / 2.0);

            var rows = SourceTaps(height, resizedHeight, top, crop);
            var cols = SourceTaps(width, resizedWidth, left, crop);
            int plane = crop * crop;
            for (int y = 0; y < crop; y++)
            {
                var (y0, y1, wy1) = rows[y];
                float wy0 = 1f - wy1;
                for (int x = 0; x < crop; x++)
                {
                    var (x0, x1, wx1) = cols[x];
                    float wx0 = 1f - wx1;
                    for (int c = 0; c < 3; c++)
                    {
                        float top0 = wx0 * ImageTensorFiller.UnitScale[rgb[(y0 * width + x0) * 3 + c]] + wx1 * ImageTensorFiller.UnitScale[rgb[(y0 * width + x1) * 3 + c]];
                        float bottom = wx0 * ImageTensorFiller.UnitScale[rgb[(y1 * width + x0) * 3 + c]] + wx1 * ImageTensorFiller.UnitScale[rgb[(y1 * width + x1) * 3 + c]];
                        destination[c * plane + y * crop + x] = wy0 * top0 + wy1 * bottom;
                    }
                }
            }
        }

        /// <summary>For each kept output index, the two source indices and the weight of the second
        /// (PyTorch's align_corners=False rule: src = (dst + 0.5) * in / out - 0.5, clamped at 0).</summary>
        private static (int First, int Second, float SecondWeight)[] SourceTaps(int inputSize, int outputSize, int offset, int count)
        {
            var taps = new (int, int, float)[count];
            float scale = (float)inputSize / outputSize;
            for (int i = 0; i < count; i++)
            {
                float source = Math.Max(scale * (offset + i + 0.5f) - 0.5f, 0f);
                int first = Math.Min((int)source, inputSize - 1);
                int second = first < inputSize - 1 ? first + 1 : first;
                taps[i] = (first, second, source - first);
            }
            return taps;
        }

        public override string ToString() => $"shorter side resized to {Resize}, centre crop {Crop}x{Crop}";
    }
}
