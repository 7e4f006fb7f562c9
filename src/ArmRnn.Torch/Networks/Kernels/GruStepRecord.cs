namespace ArmRnn.Torch.Networks.Kernels;

/// <summary>Where <see cref="GruKernel"/> writes one step's gates for a backward pass: the recurrent terms
/// <c>[rows, 3H]</c>, r and z <c>[rows, 2H]</c>, n and <c>h − n</c> <c>[rows, H]</c>, each contiguous.</summary>
internal readonly unsafe struct GruStepRecord
{
    /// <summary>Records into the given buffers.</summary>
    public GruStepRecord(float* recurrentTerms, float* rz, float* candidate, float* difference)
    {
        RecurrentTerms = recurrentTerms;
        Rz = rz;
        Candidate = candidate;
        Difference = difference;
    }

    /// <summary>The recurrent terms <c>W_hh h + b_hh</c>.</summary>
    public float* RecurrentTerms { get; }

    /// <summary>The r and z gates.</summary>
    public float* Rz { get; }

    /// <summary>The candidate n.</summary>
    public float* Candidate { get; }

    /// <summary><c>h − n</c>.</summary>
    public float* Difference { get; }
}
