namespace KcmCompose.Kcm;

/// <summary>Which engine a written stack is for.</summary>
public enum KcmTarget
{
    /// <summary>Docker Compose on one host (<c>docker compose up</c>): bind mounts for the CA, certificate and key.</summary>
    Compose,

    /// <summary>
    /// Docker Swarm (<c>docker stack deploy</c>): the CA and certificate as Swarm configs, the key as a secret, each named
    /// after its content (<see cref="SwarmObjectName"/>), and <c>deploy:</c> settings (<see cref="KcmSwarmOptions"/>).
    /// </summary>
    Swarm,
}
