import com.caddyshop.accounts.PasswordHasher;

/**
 * Prints a bcrypt hash made by the service's own PasswordHasher: {@code java -cp caddy-backend.jar
 * bench/BcryptHash.java COST PASSWORD}. The bench inserts its user pools with precomputed hashes
 * instead of registering thousands of accounts through the API.
 */
public class BcryptHash {
    public static void main(String[] args) {
        System.out.println(new PasswordHasher(Integer.parseInt(args[0])).hash(args[1]));
    }
}
