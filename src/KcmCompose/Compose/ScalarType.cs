namespace KcmCompose.Compose;

/// <summary>What a scalar means to a YAML 1.2 core-schema reader such as Docker Compose v2.</summary>
public enum ScalarType
{
    /// <summary>A string; the emitter quotes it wherever a YAML 1.1 or 1.2 reader could take it for anything else.</summary>
    String,

    /// <summary>A plain integer such as <c>3</c>.</summary>
    Integer,

    /// <summary>A plain floating-point number such as <c>1.5</c>.</summary>
    Float,

    /// <summary>A plain <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An empty plain value, <c>null</c> or <c>~</c>.</summary>
    Null,
}
