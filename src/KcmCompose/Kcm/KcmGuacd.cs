namespace KcmCompose.Kcm;

/// <summary>The Guacamole proxy daemon, <c>keeper/guacd</c>; its tuning (<c>shm_size</c>, <c>security_opt</c>) lives in <see cref="KcmService.OtherKeys"/>.</summary>
public sealed record KcmGuacd : KcmService;
